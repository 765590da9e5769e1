package social.support.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The structure rules ({@link ArchitectureRules}) for one module's main classes: a module's test names
 * its root package, {@code class LikeServiceArchitectureTest extends ModuleArchitectureTest} with
 * {@code super("social.like")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ModuleArchitectureTest {
    private final String rootPackage;
    private final JavaClasses classes;

    protected ModuleArchitectureTest(String rootPackage) {
        this.rootPackage = rootPackage;
        this.classes = ArchitectureRules.mainClassesOf(rootPackage);
    }

    @Test
    void dependsOnlyOnItselfTheContractTheSupportAndLibraries() {
        ArchitectureRules.dependsOnlyOnItselfTheContractTheSupportAndLibraries(rootPackage)
                .check(classes);
    }

    @Test
    void hasNoCyclesBetweenItsFeaturePackages() {
        ArchitectureRules.hasNoCyclesBetweenFeaturePackages(rootPackage).check(classes);
    }
}
