package dev.ratchet.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The toolkit's entry points check their arguments before anything else, and refuse to run outside workflow code. */
class ToolkitValidationTest {

    @Test
    void badArgumentsAreNamedBeforeTheRuntimeIsNeeded() {
        assertThatThrownBy(() -> Workflow.getVersion("change", 3, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("minSupported (3) of change 'change' must not exceed maxSupported (1)");
        assertThatThrownBy(() -> Workflow.getVersion(null, -1, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("changeId");
        assertThatThrownBy(() -> Workflow.await(Duration.ofSeconds(-1), () -> true))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("timeout must not be negative");
        assertThatThrownBy(() -> Workflow.newTimer(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("duration must not be null");
        assertThatThrownBy(() -> Workflow.newQueue(-1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("capacity must be at least 1");
        assertThatThrownBy(() -> Workflow.mutableSideEffect("id", String.class, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("supplier must not be null");
        assertThatThrownBy(() -> Async.procedure(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("proc must not be null");
        assertThatThrownBy(() -> Promise.anyOf(List.of())).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("promises must not be empty");
    }

    @Test
    void validCallsOutsideWorkflowCodeSayWhereTheyBelong() {
        assertThatThrownBy(() -> Workflow.getVersion("change", Workflow.DEFAULT_VERSION, 1))
                .isInstanceOf(RatchetException.class).hasMessageContaining("only be called from workflow code");
        assertThatThrownBy(() -> Async.function(() -> 1)).isInstanceOf(RatchetException.class)
                .hasMessageContaining("only be called from workflow code");
        assertThatThrownBy(() -> Promise.allOf(List.of())).isInstanceOf(RatchetException.class)
                .hasMessageContaining("only be called from workflow code");
    }
}
