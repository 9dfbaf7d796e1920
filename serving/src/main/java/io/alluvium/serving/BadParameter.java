package io.alluvium.serving;

/** A query parameter the API cannot use: answered 400 with a JSON error naming the parameter. */
public final class BadParameter extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    BadParameter(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
