package social.support.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The structure the modules keep (docs/DESIGN.md), written once: each module's test applies them to
 * its own classes ({@link ModuleArchitectureTest}), and ArchitectureRulesTest shows that each one
 * reports a violation.
 *
 * <p>Everything under {@code social} is this project's; anything else (the JDK, Spring, ...) is a library.
 */
public final class ArchitectureRules {
    /** This project's namespace: a dependency outside it is on a library. */
    static final String PROJECT = "social..";

    static final String CONTRACT = "social.contract..";
    static final String SUPPORT = "social.support..";

    private ArchitectureRules() {}

    /** The main classes (no tests) under {@code rootPackage}, as a module's build put them on the classpath. */
    public static JavaClasses mainClassesOf(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /**
     * A service (or the gateway) depends on its own classes, the message contract, service-support and
     * libraries, never on another service: services meet only through messages.
     */
    public static ArchRule dependsOnlyOnItselfTheContractTheSupportAndLibraries(String rootPackage) {
        return classes()
                .that()
                .resideInAPackage(rootPackage + "..")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(rootPackage + "..", CONTRACT, SUPPORT)
                        .or(resideOutsideOfPackage(PROJECT)))
                .as("classes of " + rootPackage + " depend only on " + rootPackage + ", " + CONTRACT + ", " + SUPPORT
                        + " and libraries")
                .because("services meet only through the messages of the contract");
    }

    /**
     * No cycle between the feature packages of a module ({@code <root>.<feature>..}); the root package
     * counts as a slice of its own, so that a class there that wires features together may not be
     * used by them in turn.
     */
    public static ArchRule hasNoCyclesBetweenFeaturePackages(String rootPackage) {
        return slices().assignedFrom(featurePackagesOf(rootPackage)).should().beFreeOfCycles();
    }

    /** The contract is plain Java that any client can use: no Spring, no service-support, no service. */
    public static ArchRule dependsOnNoSpringNorTheSupportNorAService(String contractPackage) {
        return noClasses()
                .that()
                .resideInAPackage(contractPackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("org.springframework..")
                        .or(resideInAPackage(PROJECT).and(resideOutsideOfPackage(contractPackage + ".."))))
                .as(contractPackage + " depends on no Spring, no service-support and no service")
                .because("every service and client shares the contract, and nothing else");
    }

    private static SliceAssignment featurePackagesOf(String rootPackage) {
        String prefix = rootPackage + ".";
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(rootPackage)) {
                    return SliceIdentifier.of(rootPackage + " (root)");
                }
                if (!name.startsWith(prefix)) {
                    return SliceIdentifier.ignore();
                }
                String feature = name.substring(prefix.length());
                int dot = feature.indexOf('.');
                return SliceIdentifier.of(prefix + (dot < 0 ? feature : feature.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the feature packages of " + rootPackage + " (" + prefix + "*, and " + rootPackage + " itself)";
            }
        };
    }
}
