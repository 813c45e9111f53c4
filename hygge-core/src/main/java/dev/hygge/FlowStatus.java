package dev.hygge;

/** How a flow ended. */
public enum FlowStatus {
    /** Every row was written and the write committed. */
    SUCCEEDED,
    /** The flow failed; its write was aborted. */
    FAILED,
    /** The flow was cancelled, or never started because another flow failed; its write was aborted. */
    CANCELLED
}
