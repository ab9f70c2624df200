package dev.ratchet.engine.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * The open runs (RUNNING or PARKED) of one workflow type counted by what they recorded for one getVersion change,
 * read at one point in time.
 *
 * @param withoutMarker open runs that recorded no version for the change (started before it was deployed, or not at it
 *                      yet)
 * @param byVersion     open runs per recorded version; versions no open run recorded are absent
 */
public record VersionCounts(long withoutMarker, Map<Integer, Long> byVersion) {
    /** Copies the map, sorted by version. */
    public VersionCounts {
        byVersion = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byVersion));
    }
}
