package social.faults.check;

import java.util.List;
import java.util.Map;

/** The checker's findings: one row per property, each with what was lost, unexpected or applied twice. */
public record Verdict(List<Check> checks) {

    /**
     * @param lost       acknowledged (or owed) but not observed
     * @param unexpected observed but never attempted, or observed after it was acknowledged undone
     * @param duplicated applied more than once
     * @param examples   a few cases, to start the search from
     */
    public record Check(String name, long checked, long lost, long unexpected, long duplicated, List<String> examples) {
        public boolean passed() {
            return lost == 0 && unexpected == 0 && duplicated == 0;
        }
    }

    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    public long lost() {
        return checks.stream().mapToLong(Check::lost).sum();
    }

    public long unexpected() {
        return checks.stream().mapToLong(Check::unexpected).sum();
    }

    public long duplicated() {
        return checks.stream().mapToLong(Check::duplicated).sum();
    }

    /** The verdict as a table, one row per check, and the examples of those that failed. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%-50s %-6s %8s %6s %10s %10s%n", "check", "result", "checked", "lost", "unexpected", "duplicated"));
        for (Check check : checks) {
            out.append(String.format(
                    "%-50s %-6s %8d %6d %10d %10d%n",
                    check.name(),
                    check.passed() ? "ok" : "FAIL",
                    check.checked(),
                    check.lost(),
                    check.unexpected(),
                    check.duplicated()));
        }
        for (Check check : checks) {
            if (!check.passed()) {
                out.append(check.name()).append(":\n");
                check.examples()
                        .forEach(example -> out.append("  - ").append(example).append('\n'));
            }
        }
        out.append(passed() ? "VALID" : "INVALID").append('\n');
        return out.toString();
    }

    public Map<String, Object> summary() {
        return Map.of("valid", passed(), "lost", lost(), "unexpected", unexpected(), "duplicated", duplicated());
    }
}
