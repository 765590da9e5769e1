package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The static checks of deploy/validate (validate.mjs, run with Node.js and the packages of its
 * package-lock.json, which the build installs with npm ci) and the rendering of a kustomization with
 * kustomize ({@code kubectl kustomize}, or {@code kustomize build} when KUSTOMIZE names it).
 */
final class StaticChecks {
    static final Path DIR = Observability.ROOT.resolve("deploy/validate");
    static final Path COMPOSE_SCHEMA = Observability.ROOT.resolve("deploy/compose-spec/compose-spec.json");

    /** What a check printed and how it ended. */
    record Result(int exitCode, String output) {
        boolean valid() {
            return exitCode == 0;
        }
    }

    private StaticChecks() {}

    /** Each compose file against the vendored Compose Specification schema. */
    static Result compose(Path... files) {
        List<String> arguments = new ArrayList<>(List.of("compose", COMPOSE_SCHEMA.toString()));
        for (Path file : files) {
            arguments.add(file.toString());
        }
        return node(arguments);
    }

    /** Every object of the files against the Kubernetes API schemas. */
    static Result kubernetes(List<Path> files) {
        List<String> arguments = new ArrayList<>(List.of("k8s"));
        files.forEach(file -> arguments.add(file.toString()));
        return node(arguments);
    }

    /** The objects kustomize renders from the kustomization in {@code folder}, written to {@code into}. */
    static Path render(Path folder, Path into) {
        String kustomize = System.getenv("KUSTOMIZE");
        List<String> command = kustomize != null
                ? List.of(kustomize, "build", folder.toString())
                : List.of("kubectl", "kustomize", folder.toString());
        Result result = run(command, into);
        assertThat(result.exitCode())
                .as("%s (install kubectl, or set KUSTOMIZE to a kustomize binary)", command)
                .isZero();
        return into;
    }

    private static Result node(List<String> arguments) {
        assertThat(DIR.resolve("node_modules"))
                .as("deploy/validate/node_modules: the build runs npm ci there (./mvnw -pl deploy test)")
                .isDirectory();
        List<String> command = new ArrayList<>(List.of(System.getProperty("node.executable", "node"), "validate.mjs"));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("validate", ".out");
            try {
                Result result = run(command, output);
                return new Result(result.exitCode(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the command in deploy/validate, its standard output into {@code output}; errors in the result. */
    private static Result run(List<String> command, Path output) {
        try {
            Path errors = Files.createTempFile("validate", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(DIR.toFile())
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out: " + command);
                }
                return new Result(process.exitValue(), Files.readString(errors));
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code file} in {@code dir} with {@code from} replaced (which must occur) by {@code to}. */
    static Path brokenCopy(Path file, Path dir, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " has the text to break").contains(from);
        return Files.writeString(dir.resolve(file.getFileName()), text.replace(from, to));
    }
}
