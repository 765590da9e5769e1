/**
 * Small modules that keep or break the structure rules, for ArchitectureRulesTest: {@code clean}
 * keeps them all, {@code intruder} uses another module, {@code tangled} and {@code rooted} have
 * cycles, {@code contract} is a contract that uses Spring, service-support and a service.
 * Left out of service-support's test-jar.
 */
package social.archfixture;
