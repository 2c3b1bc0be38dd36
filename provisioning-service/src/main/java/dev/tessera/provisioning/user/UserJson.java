package dev.tessera.provisioning.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** microsoft.graph.user on the wire. Never carries a password. Who sees which properties: DirectoryReader. */
public record UserJson(
        UUID id,
        List<String> businessPhones,
        String displayName,
        String givenName,
        String jobTitle,
        String mail,
        String mobilePhone,
        String officeLocation,
        String preferredLanguage,
        String surname,
        String userPrincipalName,
        Boolean accountEnabled,
        Instant createdDateTime,
        String department,
        String employeeId,
        Instant employeeHireDate,
        Instant employeeLeaveDateTime,
        String mailNickname,
        UserType userType,
        String creationType,
        String externalUserState) {

    public static final String ODATA_TYPE = "#microsoft.graph.user";

    public static UserJson of(DirectoryUser user) {
        return new UserJson(user.id, List.of(), user.displayName, user.givenName, user.jobTitle, user.mail,
                user.mobilePhone, user.officeLocation, null, user.surname, user.userPrincipalName,
                user.accountEnabled, user.createdDateTime, user.department, user.employeeId,
                user.employeeHireDate, user.employeeLeaveDateTime, user.mailNickname,
                user.userType, user.creationType, user.externalUserState);
    }

    /**
     * Only the basic profile (id, displayName, givenName, surname, mail, userPrincipalName, userType);
     * every other property null, as for a caller who may not read it.
     */
    public static UserJson basic(DirectoryUser user) {
        return new UserJson(user.id, null, user.displayName, user.givenName, null, user.mail, null, null, null,
                user.surname, user.userPrincipalName, null, null, null, null, null, null, null, user.userType, null, null);
    }
}
