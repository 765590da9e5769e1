package social.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import social.auth.AuthProperties;
import social.contract.ErrorCode;
import social.support.error.ServiceException;

class HashingBudgetTest {

    @Test
    void whenEveryHashingSlotIsBusyAnotherAddressGets503WithRetryAfter() throws Exception {
        HashingBudget budget = budget(new AuthProperties.Hashing(100, 100, 1, Duration.ofMillis(50)));
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> busy = CompletableFuture.supplyAsync(() -> budget.spend("198.51.100.1", () -> {
            hashing.countDown();
            await(release);
            return "hash";
        }));
        assertThat(hashing.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> budget.spend("198.51.100.2", () -> "hash"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.reply().code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.reply().retryAfterSeconds()).isPositive();
                });
        release.countDown();
        assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo("hash");
        assertThat(budget.spend("198.51.100.2", () -> "hash")).isEqualTo("hash");
    }

    @Test
    void anAddressPastItsBurstGets429UntilTheBucketRefills() {
        HashingBudget budget = budget(new AuthProperties.Hashing(3, 1, 4, Duration.ofSeconds(1)));
        for (int i = 0; i < 3; i++) {
            budget.spend("2001:db8::" + i, () -> "hash");
        }
        assertThatThrownBy(() -> budget.spend("2001:db8::99", () -> "hash"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.reply().code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
                    assertThat(e.reply().retryAfterSeconds()).isBetween(1L, 60L);
                });
        assertThat(budget.spend("198.51.100.3", () -> "hash")).isEqualTo("hash");
    }

    private static HashingBudget budget(AuthProperties.Hashing hashing) {
        return new HashingBudget(new AuthProperties(
                "issuer",
                "audience",
                Duration.ofMinutes(15),
                Duration.ofDays(30),
                Duration.ofDays(30),
                Duration.ofSeconds(30),
                null,
                null,
                new AuthProperties.LoginThrottle(Duration.ofMinutes(15), 5, 20),
                hashing,
                new AuthProperties.Registration(10),
                new AuthProperties.Purge(Duration.ofHours(1), Duration.ofDays(7)),
                new AuthProperties.StreamTickets(Duration.ofSeconds(30), 10),
                new AuthProperties.Refresh(30, Duration.ofDays(7))));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
