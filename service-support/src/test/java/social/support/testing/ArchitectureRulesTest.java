package social.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each structure rule reports the small fixture modules in {@code social.archfixture} that break it. */
class ArchitectureRulesTest {
    static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("social.archfixture");

    @Test
    void aModuleThatUsesAnotherModulesClassesBreaksTheDependencyRule() {
        assertThat(violations(ArchitectureRules.dependsOnlyOnItselfTheContractTheSupportAndLibraries(
                        "social.archfixture.intruder")))
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation)
                        .contains("social.archfixture.intruder.Intruder")
                        .contains("social.archfixture.clean.store.Store"));
    }

    @Test
    void aModuleThatUsesOnlyItselfTheContractTheSupportAndLibrariesKeepsTheDependencyRule() {
        assertThat(violations(ArchitectureRules.dependsOnlyOnItselfTheContractTheSupportAndLibraries(
                        "social.archfixture.clean")))
                .isEmpty();
    }

    @Test
    void twoFeaturePackagesThatUseEachOtherBreakTheCycleRule() {
        assertThat(violations(ArchitectureRules.hasNoCyclesBetweenFeaturePackages("social.archfixture.tangled")))
                .singleElement()
                .asString()
                .contains("Cycle detected")
                .contains("social.archfixture.tangled.post.Posts")
                .contains("social.archfixture.tangled.timeline.Timeline");
    }

    @Test
    void aRootPackageThatWiresAFeatureWhichUsesItBreaksTheCycleRule() {
        assertThat(violations(ArchitectureRules.hasNoCyclesBetweenFeaturePackages("social.archfixture.rooted")))
                .singleElement()
                .asString()
                .contains("Cycle detected")
                .contains("social.archfixture.rooted.RootedConfiguration")
                .contains("social.archfixture.rooted.token.Tokens");
    }

    @Test
    void featurePackagesThatDependOneWayKeepTheCycleRule() {
        assertThat(violations(ArchitectureRules.hasNoCyclesBetweenFeaturePackages("social.archfixture.clean")))
                .isEmpty();
    }

    @Test
    void aContractThatUsesSpringTheSupportOrAServiceBreaksTheContractRule() {
        List<String> violations =
                violations(ArchitectureRules.dependsOnNoSpringNorTheSupportNorAService("social.archfixture.contract"));

        assertThat(violations)
                .anySatisfy(violation ->
                        assertThat(violation).contains("SpringMessage").contains("org.springframework.util.Assert"))
                .anySatisfy(violation ->
                        assertThat(violation).contains("SupportMessage").contains("social.support.id.Ids"))
                .anySatisfy(violation -> assertThat(violation)
                        .contains("ServiceMessage")
                        .contains("social.archfixture.clean.store.Store"))
                .noneSatisfy(violation -> assertThat(violation).contains("PlainMessage"));
    }

    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(FIXTURES).getFailureReport().getDetails();
    }
}
