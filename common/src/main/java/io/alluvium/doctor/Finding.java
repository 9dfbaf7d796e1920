package io.alluvium.doctor;

/**
 * One thing {@code alluvium doctor} found: how bad it is, what it is about, the numbers that show it, the threshold
 * they crossed, why it matters, and the command that fixes it (docs/doctor.md).
 *
 * @param check     the check's name, e.g. {@code small-files}
 * @param subject   what it is about, e.g. a table's {@code layer.name}
 * @param evidence  the measured numbers
 * @param threshold what they crossed
 * @param why       why it matters, in one line
 * @param fix       the command that fixes it
 */
public record Finding(Severity severity, String check, String subject, String evidence, String threshold, String why,
                      String fix) {

    /** How bad: a warning or worse makes {@code doctor} exit 1. */
    public enum Severity {
        INFO, WARNING, CRITICAL;

        public boolean unhealthy() {
            return this != INFO;
        }
    }
}
