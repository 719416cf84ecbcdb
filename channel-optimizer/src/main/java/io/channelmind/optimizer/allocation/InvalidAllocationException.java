package io.channelmind.optimizer.allocation;

import java.util.List;

/** An allocation request that cannot be planned, with every invalid field, its value and the fix. */
public class InvalidAllocationException extends IllegalArgumentException {

    /** One invalid field: its JSON path, the rejected value and what to send instead. */
    public record FieldError(String field, Object value, String fix) {
    }

    private final List<FieldError> errors;

    public InvalidAllocationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid allocation request" : errors.get(0).field() + ": " + errors.get(0).fix());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
