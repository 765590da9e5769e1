package social.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import social.faults.nemesis.Fault;

/**
 * The harness's short slice in ./mvnw verify: the worst start order, a service killed, the broker
 * closing every connection and the database sessions terminated, a few seconds each, under load;
 * then nothing acknowledged lost, nothing unattempted, nothing twice, no 500. The long run is
 * faults/run.sh.
 */
class FaultSliceIT {

    @Test
    void underAKillABrokerDisconnectAndTerminatedDatabaseSessionsNothingIsLostOrAppliedTwice() {
        Harness.Options options = new Harness.Options(
                List.of(Fault.TOPOLOGY, Fault.KILL, Fault.BROKER_CONNECTIONS, Fault.DB_SESSIONS),
                Duration.ZERO,
                Duration.ofSeconds(4),
                Duration.ofSeconds(4),
                4,
                20261128L,
                false,
                Duration.ofSeconds(5),
                Path.of("target", "fault-slice").toAbsolutePath());

        Harness.Result result = Harness.run(options);

        String report = Harness.report(result);
        assertThat(result.quiescent()).as(report).isTrue();
        assertThat(result.verdict().passed()).as(report).isTrue();
        assertThat(result.history().outcomes().getOrDefault("ok", 0))
                .as("the clients got work done: " + report)
                .isGreaterThan(20);
    }
}
