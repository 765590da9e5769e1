package social.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

/**
 * The structure rules ({@link ArchitectureRules}) for one module's main classes: a module's test names
 * its root package, {@code class LikeServiceArchitectureTest extends ModuleArchitectureTest} with
 * {@code super("social.like")}.
 *
 * <p>A cycle that the main code has today and that is being removed elsewhere may be named as known
 * ({@link #knownCycle}): the rule stays as it is, every other cycle fails the test, and so does a known
 * cycle that is gone, so that the list only ever shrinks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModuleArchitectureTest {
    /** The slices of a cycle as ArchUnit reports it: "Cycle detected: Slice a -> \n Slice b -> \n Slice a". */
    private static final Pattern SLICE = Pattern.compile("Slice (.+?)(?: ->)?\\s*$", Pattern.MULTILINE);

    private final String rootPackage;
    private final List<KnownCycle> knownCycles;
    private final JavaClasses classes;

    protected ModuleArchitectureTest(String rootPackage, KnownCycle... knownCycles) {
        this.rootPackage = rootPackage;
        this.knownCycles = List.of(knownCycles);
        this.classes = ArchitectureRules.mainClassesOf(rootPackage);
    }

    /** A known cycle through these slices, named as the rule reports them ("social.post.post", "social.auth (root)"). */
    protected static KnownCycle knownCycle(String... slices) {
        return new KnownCycle(Set.of(slices));
    }

    @Test
    void dependsOnlyOnItselfTheContractTheSupportAndLibraries() {
        ArchitectureRules.dependsOnlyOnItselfTheContractTheSupportAndLibraries(rootPackage).check(classes);
    }

    @Test
    void hasNoCyclesBetweenItsFeaturePackages() {
        EvaluationResult result = ArchitectureRules.hasNoCyclesBetweenFeaturePackages(rootPackage).evaluate(classes);
        List<KnownCycle> found = result.getFailureReport().getDetails().stream().map(KnownCycle::of).toList();

        assertThat(knownCycles).as("known cycles of %s that are gone: remove them from %s", rootPackage,
                getClass().getSimpleName()).isSubsetOf(found);
        ArchRule.Assertions.assertNoViolation(result.filterDescriptionsMatching(
                description -> !knownCycles.contains(KnownCycle.of(description))));
    }

    /** A cycle, by the set of slices it passes through. */
    protected record KnownCycle(Set<String> slices) {
        static KnownCycle of(String violation) {
            int details = violation.indexOf("\n  1.");
            Matcher slices = SLICE.matcher(details < 0 ? violation : violation.substring(0, details));
            return new KnownCycle(slices.results().map(match -> match.group(1)).collect(Collectors.toSet()));
        }

        @Override
        public String toString() {
            return Arrays.toString(slices.stream().sorted().toArray());
        }
    }
}
