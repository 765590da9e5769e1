package social.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import social.faults.nemesis.Fault;

/** The command line of the harness (faults/run.sh runs it); exit 0 valid, 1 invalid, 2 unusable. */
public final class FaultRun {
    private FaultRun() {}

    public static void main(String[] args) {
        String fault = "all";
        long duration = 0;
        long faulty = 10;
        long healthy = 10;
        int clients = 8;
        long seed = System.currentTimeMillis();
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--fault" -> fault = value;
                case "--duration" -> duration = Long.parseLong(value);
                case "--faulty" -> faulty = Long.parseLong(value);
                case "--healthy" -> healthy = Long.parseLong(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        List<Fault> faults = fault.equals("all")
                ? List.of(Fault.values())
                : Arrays.stream(fault.split(",")).map(Fault::named).toList();
        if (out == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            out = Path.of("results", stamp + "-" + fault.replace(',', '+'));
        }
        boolean ownBroker = Boolean.parseBoolean(System.getenv().getOrDefault("FAULTS_OWN_BROKER", "false"));
        Harness.Options options = new Harness.Options(
                faults,
                Duration.ofSeconds(duration),
                Duration.ofSeconds(faulty),
                Duration.ofSeconds(healthy),
                clients,
                seed,
                ownBroker,
                Duration.ofSeconds(15),
                out.toAbsolutePath());
        System.out.println("[faults] " + faults.stream().map(Fault::cliName).toList() + ", seed " + seed
                + ", results in " + options.out());
        Harness.Result result = Harness.run(options);
        System.out.print(Harness.report(result));
        System.exit(result.verdict().passed() && result.quiescent() ? 0 : 1);
    }
}
