package io.channelmind.web;

/** An error that reaches the client as its {@link Problem} document, with the problem's status. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getTitle() + (problem.getDetail() == null ? "" : ": " + problem.getDetail()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
