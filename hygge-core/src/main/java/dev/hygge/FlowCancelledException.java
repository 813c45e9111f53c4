package dev.hygge;

import dev.hygge.spi.HyggeException;

/** The flow was cancelled (by the caller, by the coordinator after another flow failed, or by interruption). */
public class FlowCancelledException extends HyggeException {
    private static final long serialVersionUID = 1L;

    public FlowCancelledException(String message) {
        super(message);
    }
}
