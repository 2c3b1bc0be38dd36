package dev.tessera.platform.em;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipRuleTest {

    static Map<String, Object> user(String department, String jobTitle) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("department", department);
        attributes.put("jobTitle", jobTitle);
        attributes.put("accountEnabled", true);
        return attributes;
    }

    static boolean matches(String rule, Map<String, Object> user) {
        return MembershipRule.parse(rule).matches(user);
    }

    @Test
    void equalsComparesCaseInsensitivelyAsEntraDoes() {
        assertTrue(matches("(user.department -eq \"Sales\")", user("Sales", null)));
        assertTrue(matches("user.Department -EQ \"sales\"", user("SALES", null)));
        assertFalse(matches("(user.department -eq \"Sales\")", user("Marketing", null)));
        assertFalse(matches("(user.department -eq \"Sales\")", user(null, null)));
    }

    @Test
    void notEqualsStartsWithAndContains() {
        assertTrue(matches("(user.department -ne \"Sales\")", user("Marketing", null)));
        assertTrue(matches("(user.department -ne \"Sales\")", user(null, null)));
        assertFalse(matches("(user.department -ne \"Sales\")", user("Sales", null)));
        assertTrue(matches("(user.jobTitle -startsWith \"Senior\")", user(null, "senior engineer")));
        assertFalse(matches("(user.jobTitle -startsWith \"Senior\")", user(null, "Engineer")));
        assertTrue(matches("(user.jobTitle -contains \"engine\")", user(null, "Senior Engineer")));
        assertFalse(matches("(user.jobTitle -contains \"engine\")", user(null, null)));
    }

    @Test
    void andBindsTighterThanOrAndNotNegates() {
        String rule = "(user.department -eq \"Sales\") -or (user.department -eq \"Marketing\") -and (user.jobTitle -eq \"Lead\")";
        assertTrue(matches(rule, user("Sales", "Intern")));
        assertFalse(matches(rule, user("Marketing", "Intern")));
        assertTrue(matches(rule, user("Marketing", "Lead")));
        assertTrue(matches("-not (user.department -eq \"Sales\")", user("HR", null)));
        assertFalse(matches("-not (user.department -eq \"Sales\")", user("Sales", null)));
        assertTrue(matches("((user.department -eq \"Sales\" -or user.department -eq \"HR\") -and -not (user.jobTitle -eq \"Intern\"))",
                user("HR", "Lead")));
    }

    @Test
    void booleansNullsAndEscapedQuotes() {
        assertTrue(matches("(user.accountEnabled -eq true)", user("Sales", null)));
        assertFalse(matches("(user.accountEnabled -eq false)", user("Sales", null)));
        assertTrue(matches("(user.jobTitle -eq null)", user("Sales", null)));
        assertTrue(matches("(user.jobTitle -eq \"The `\"Boss`\"\")", user(null, "The \"Boss\"")));
    }

    @Test
    void unsupportedSyntaxIsRefusedWithAClearMessage() {
        assertRefused("(user.department -match \"S.*\")", "Operator '-match'");
        assertRefused("(user.extension_123_costCenter -eq \"1\")", "not supported");
        assertRefused("(device.deviceOSType -eq \"iPad\")", "user property");
        assertRefused("(user.department -eq \"Sales\"", "')'");
        assertRefused("(user.department -eq \"Sales)", "not closed");
        assertRefused("(user.department -eq Sales)", "double-quoted");
        assertRefused("(user.department -eq \"Sales\") -xor (user.jobTitle -eq \"x\")", "Unexpected '-xor'");
        assertRefused("(user.department -in [\"a\"])", "Operator '-in'");
        assertRefused("", "empty");
        assertRefused("(user.department -startsWith null)", "double-quoted");
    }

    private static void assertRefused(String rule, String messagePart) {
        MembershipRule.InvalidRuleException e = assertThrows(MembershipRule.InvalidRuleException.class,
                () -> MembershipRule.parse(rule));
        assertTrue(e.getMessage().contains(messagePart), () -> "'" + e.getMessage() + "' should mention " + messagePart);
    }

    @Test
    void oneHundredThousandParenthesesAreRefusedNotAStackOverflow() {
        MembershipRule.InvalidRuleException refused = assertThrows(MembershipRule.InvalidRuleException.class,
                () -> MembershipRule.parse("(".repeat(100_000)));
        assertTrue(refused.getMessage().contains("3072"), refused.getMessage());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithinTheLength() {
        String comparison = "user.department -eq \"Sales\"";
        String deepest = "(".repeat(MembershipRule.MAX_DEPTH) + comparison + ")".repeat(MembershipRule.MAX_DEPTH);
        assertTrue(matches(deepest, user("Sales", null)));
        String tooDeep = "(" + deepest + ")";
        assertTrue(assertThrows(MembershipRule.InvalidRuleException.class, () -> MembershipRule.parse(tooDeep))
                .getMessage().contains("32 levels"));
        assertThrows(MembershipRule.InvalidRuleException.class,
                () -> MembershipRule.parse("-not ".repeat(MembershipRule.MAX_DEPTH + 1) + comparison));
        assertThrows(MembershipRule.InvalidRuleException.class,
                () -> MembershipRule.parse("(-not ".repeat(20) + comparison + ")".repeat(20)));
        assertTrue(matches("-not ".repeat(MembershipRule.MAX_DEPTH) + comparison, user("Sales", null)));
    }

    @Test
    void aLongFlatRuleWithinTheLengthIsFine() {
        String rule = String.join(" -or ", java.util.Collections.nCopies(90, "user.department -eq \"Sales\""));
        assertTrue(rule.length() <= MembershipRule.MAX_LENGTH);
        assertTrue(matches(rule, user("Sales", null)));
    }
}
