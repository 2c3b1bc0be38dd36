package dev.tessera.provisioning.user;

import dev.tessera.platform.graph.GraphException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a valid user is, and how a body changes one. Pure: no I/O. */
final class UserRules {

    /** Graph's mailNickname: ASCII 0-127 without {@code @ ( ) \ [ ] " ; : < > ,} and spaces. */
    private static final Pattern MAIL_NICKNAME = Pattern.compile("^[\\x21-\\x7E&&[^@()\\\\\\[\\]\";:<>,]]{1,64}$");
    private static final Pattern UPN = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern MAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private UserRules() {
    }

    static void validateCreate(UserBody body) {
        if (body == null) {
            throw GraphException.badRequest("A user body is required.");
        }
        required(body.displayName(), "displayName");
        required(body.mailNickname(), "mailNickname");
        required(body.userPrincipalName(), "userPrincipalName");
        validateValues(body);
    }

    static void validatePatch(UserBody body) {
        if (body == null) {
            throw GraphException.badRequest("A user body is required.");
        }
        for (String property : new String[] {"displayName", "mailNickname", "userPrincipalName", "userType"}) {
            if (body.has(property) && isBlank(valueOf(body, property))) {
                throw GraphException.invalidField(property, "Property '" + property + "' cannot be cleared.");
            }
        }
        validateValues(body);
    }

    private static void validateValues(UserBody body) {
        if (body.has("accountEnabled") && body.accountEnabled() == null) {
            throw GraphException.invalidField("accountEnabled", "Property 'accountEnabled' must be true or false, not null.");
        }
        maxLength(body.displayName(), "displayName", 256);
        if (body.userPrincipalName() != null && (!UPN.matcher(body.userPrincipalName()).matches()
                || body.userPrincipalName().length() > 113)) {
            throw invalid("userPrincipalName", body.userPrincipalName());
        }
        if (body.mailNickname() != null && !MAIL_NICKNAME.matcher(body.mailNickname()).matches()) {
            throw invalid("mailNickname", body.mailNickname());
        }
        if (body.mail() != null && (!MAIL.matcher(body.mail()).matches() || body.mail().length() > 256)) {
            throw invalid("mail", body.mail());
        }
        maxLength(body.givenName(), "givenName", 64);
        maxLength(body.surname(), "surname", 64);
        maxLength(body.jobTitle(), "jobTitle", 128);
        maxLength(body.department(), "department", 64);
        maxLength(body.officeLocation(), "officeLocation", 128);
        maxLength(body.mobilePhone(), "mobilePhone", 64);
        maxLength(body.employeeId(), "employeeId", 16);
    }

    /** Applies every property the body carries. Validation has run. */
    static void apply(UserBody body, DirectoryUser user) {
        for (String property : body.present()) {
            switch (property) {
                case "accountEnabled" -> user.accountEnabled = body.accountEnabled();
                case "displayName" -> user.displayName = body.displayName().trim();
                case "mailNickname" -> user.mailNickname = body.mailNickname();
                case "userPrincipalName" -> user.userPrincipalName = body.userPrincipalName();
                case "mail" -> user.mail = body.mail();
                case "givenName" -> user.givenName = body.givenName();
                case "surname" -> user.surname = body.surname();
                case "jobTitle" -> user.jobTitle = body.jobTitle();
                case "department" -> user.department = body.department();
                case "officeLocation" -> user.officeLocation = body.officeLocation();
                case "mobilePhone" -> user.mobilePhone = body.mobilePhone();
                case "employeeId" -> user.employeeId = body.employeeId();
                case "userType" -> user.userType = body.userType();
                case "employeeHireDate" -> user.employeeHireDate = body.employeeHireDate();
                case "employeeLeaveDateTime" -> user.employeeLeaveDateTime = body.employeeLeaveDateTime();
                default -> throw new IllegalStateException("Unmapped user property " + property);
            }
        }
        if (user.userType == null) {
            user.userType = UserType.Member;
        }
    }

    /** The directory-event view of a user's properties (never a password; there is none). */
    static Map<String, Object> attributes(DirectoryUser user, Iterable<String> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("displayName", user.displayName);
        all.put("userPrincipalName", user.userPrincipalName);
        all.put("mailNickname", user.mailNickname);
        all.put("mail", user.mail);
        all.put("givenName", user.givenName);
        all.put("surname", user.surname);
        all.put("jobTitle", user.jobTitle);
        all.put("department", user.department);
        all.put("officeLocation", user.officeLocation);
        all.put("mobilePhone", user.mobilePhone);
        all.put("employeeId", user.employeeId);
        all.put("userType", user.userType == null ? null : user.userType.name());
        all.put("accountEnabled", user.accountEnabled);
        all.put("employeeHireDate", user.employeeHireDate == null ? null : user.employeeHireDate.toString());
        all.put("employeeLeaveDateTime", user.employeeLeaveDateTime == null ? null : user.employeeLeaveDateTime.toString());
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String property : properties) {
            chosen.put(property, all.get(property));
        }
        return chosen;
    }

    static Iterable<String> allAttributes() {
        return List.of("displayName", "userPrincipalName", "mailNickname", "mail", "givenName", "surname",
                "jobTitle", "department", "officeLocation", "mobilePhone", "employeeId", "userType",
                "accountEnabled", "employeeHireDate", "employeeLeaveDateTime");
    }

    private static Object valueOf(UserBody body, String property) {
        return switch (property) {
            case "displayName" -> body.displayName();
            case "mailNickname" -> body.mailNickname();
            case "userPrincipalName" -> body.userPrincipalName();
            case "userType" -> body.userType();
            default -> throw new IllegalArgumentException(property);
        };
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static void required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(property, "Property '" + property + "' is required.");
        }
    }

    private static void maxLength(String value, String property, int max) {
        if (value != null && value.length() > max) {
            throw GraphException.invalidField(property,
                    "Property '" + property + "' is longer than " + max + " characters.");
        }
    }

    private static GraphException invalid(String property, String value) {
        return GraphException.invalidField(property,
                "Invalid value specified for property '" + property + "' of resource 'User': '" + value + "'.");
    }
}
