package social.support;

import org.junit.jupiter.api.Test;

import social.support.testing.ArchitectureRules;
import social.support.testing.ModuleArchitectureTest;

/** service-support uses no service; messages-contract uses nothing of Spring, service-support or a service. */
class SupportArchitectureTest extends ModuleArchitectureTest {
    SupportArchitectureTest() {
        super("social.support");
    }

    @Test
    void theContractDependsOnNoSpringNorTheSupportNorAService() {
        ArchitectureRules.dependsOnNoSpringNorTheSupportNorAService("social.contract")
                .check(ArchitectureRules.mainClassesOf("social.contract"));
    }
}
