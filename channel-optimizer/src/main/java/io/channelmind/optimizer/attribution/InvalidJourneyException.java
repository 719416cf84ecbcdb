package io.channelmind.optimizer.attribution;

/** A journey row that cannot be read: its 1-based data row (0 for the header), the column, the text and the fix. */
public class InvalidJourneyException extends IllegalArgumentException {

    private final int row;
    private final String column;
    private final String value;

    public InvalidJourneyException(int row, String column, String value, String fix) {
        super("row " + row + ", " + column + ": " + fix);
        this.row = row;
        this.column = column;
        this.value = value;
    }

    public int row() {
        return row;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }
}
