package dev.ratchet.api;

/** No workflow with the given ID exists in the store. */
public class WorkflowNotFoundException extends RatchetException {
    /** Creates the exception. */
    public WorkflowNotFoundException(String workflowId) {
        super("no workflow with ID '" + workflowId + "' exists in this store; check the ID, or start it first");
    }
}
