package social.gateway.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bash -e -o pipefail} that runs commands one after another, as a reader pasting them into a
 * terminal would: variables set by one are there for the next. A command that fails ends the shell, and
 * {@link #run} says so with what was printed.
 */
final class BashSession implements AutoCloseable {
    private static final String END = "<<end of step>>";
    private static final String EXITED = "\u0000exited";

    private final Process bash;
    private final Writer input;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    private BashSession(Process bash) {
        this.bash = bash;
        this.input = bash.outputWriter(StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "bash-session-output");
        reader.setDaemon(true);
        reader.start();
    }

    static BashSession start() {
        try {
            return new BashSession(new ProcessBuilder("bash", "--noprofile", "--norc", "-e", "-o", "pipefail")
                    .redirectErrorStream(true)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one command and answers what it printed (stdout and stderr), or fails if it failed. */
    String run(String command, Duration timeout) {
        try {
            input.write(command + "\nprintf '\\n%s\\n' '" + END + "'\n");
            input.flush();
        } catch (IOException e) {
            throw new AssertionError("the shell is gone before: " + command, e);
        }
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError(
                            "no end within " + timeout + " of: " + command + "\nprinted:\n" + String.join("\n", lines));
                }
                if (line.equals(EXITED)) {
                    output.add(EXITED);
                    throw new AssertionError("failed (bash -e exited with " + bash.waitFor() + "): " + command
                            + "\nprinted:\n" + String.join("\n", lines));
                }
                if (line.equals(END)) {
                    // the end marker starts on a line of its own: the empty line before it is ours
                    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                        lines.remove(lines.size() - 1);
                    }
                    return String.join("\n", lines);
                }
                lines.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void read() {
        try (BufferedReader reader = bash.inputReader(StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            // the shell is gone: the next run says so
        }
        output.add(EXITED);
    }

    @Override
    public void close() {
        bash.destroy();
    }
}
