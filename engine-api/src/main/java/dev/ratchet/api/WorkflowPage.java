package dev.ratchet.api;

import java.util.List;

/**
 * One page of {@link WorkflowClient#list}: runs newest first, and the token of the next page (null when this is the
 * last).
 *
 * @param workflows     the runs of this page
 * @param nextPageToken pass to {@link WorkflowListQuery#withPageToken} for the next page, or null if there is none
 */
public record WorkflowPage(List<WorkflowDescription> workflows, String nextPageToken) {
    /** Copies the list. */
    public WorkflowPage {
        workflows = List.copyOf(workflows);
    }
}
