package io.alluvium.flink.bench;

import io.alluvium.runtime.ChildProtocol;

/** The whole-number flags of the bench mains, checked with one message shape. */
final class BenchArguments {
    private BenchArguments() {
    }

    static long number(String[] args, int i, String flag, long min, long max, String usage) {
        if (i >= args.length) {
            throw new ChildProtocol.BadInputException(flag + " needs a number (" + usage + ")");
        }
        try {
            long n = Long.parseLong(args[i]);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ChildProtocol.BadInputException(flag + " must be a whole number between " + min + " and "
                    + max + ", got \"" + args[i] + "\"");
        }
    }
}
