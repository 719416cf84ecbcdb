package io.channelmind.optimizer.curves;

/** Length of one period of a marketing history. */
public enum Grain {
    DAILY(1, 365.25),
    WEEKLY(7, 365.25 / 7);

    final int days;
    final double periodsPerYear;

    Grain(int days, double periodsPerYear) {
        this.days = days;
        this.periodsPerYear = periodsPerYear;
    }
}
