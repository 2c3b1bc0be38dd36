package dev.tessera.provisioning.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The body of POST and PATCH {@code /users}. A class with setters rather than a record because a
 * PATCH must tell "absent" (leave alone) from {@code null} (clear): Jackson calls a setter only for
 * properties present in the JSON, and each setter records its name.
 */
public class UserBody {

    /** Bookkeeping, no property: hidden from Jackson and from the OpenAPI document. */
    @JsonIgnore
    private final Set<String> present = new LinkedHashSet<>();

    private Boolean accountEnabled;
    private String displayName;
    private String mailNickname;
    private String userPrincipalName;
    private String mail;
    private String givenName;
    private String surname;
    private String jobTitle;
    private String department;
    private String officeLocation;
    private String mobilePhone;
    private String employeeId;
    private UserType userType;
    private Instant employeeHireDate;
    private Instant employeeLeaveDateTime;

    /** Properties the client sent, in order. */
    public Set<String> present() {
        return Set.copyOf(present);
    }

    public boolean has(String property) {
        return present.contains(property);
    }

    /** Accepted so Graph clients can send it; a directory without sign-in keeps no password at all. */
    public void setPasswordProfile(JsonNode ignored) {
    }

    public void setAccountEnabled(Boolean value) {
        present.add("accountEnabled");
        accountEnabled = value;
    }

    public void setDisplayName(String value) {
        present.add("displayName");
        displayName = value;
    }

    public void setMailNickname(String value) {
        present.add("mailNickname");
        mailNickname = value;
    }

    public void setUserPrincipalName(String value) {
        present.add("userPrincipalName");
        userPrincipalName = value;
    }

    public void setMail(String value) {
        present.add("mail");
        mail = value;
    }

    public void setGivenName(String value) {
        present.add("givenName");
        givenName = value;
    }

    public void setSurname(String value) {
        present.add("surname");
        surname = value;
    }

    public void setJobTitle(String value) {
        present.add("jobTitle");
        jobTitle = value;
    }

    public void setDepartment(String value) {
        present.add("department");
        department = value;
    }

    public void setOfficeLocation(String value) {
        present.add("officeLocation");
        officeLocation = value;
    }

    public void setMobilePhone(String value) {
        present.add("mobilePhone");
        mobilePhone = value;
    }

    public void setEmployeeId(String value) {
        present.add("employeeId");
        employeeId = value;
    }

    public void setEmployeeHireDate(Instant value) {
        present.add("employeeHireDate");
        employeeHireDate = value;
    }

    public void setEmployeeLeaveDateTime(Instant value) {
        present.add("employeeLeaveDateTime");
        employeeLeaveDateTime = value;
    }

    public Instant employeeHireDate() {
        return employeeHireDate;
    }

    public Instant employeeLeaveDateTime() {
        return employeeLeaveDateTime;
    }

    public void setUserType(UserType value) {
        present.add("userType");
        userType = value;
    }

    public Boolean accountEnabled() {
        return accountEnabled;
    }

    public String displayName() {
        return displayName;
    }

    public String mailNickname() {
        return mailNickname;
    }

    public String userPrincipalName() {
        return userPrincipalName;
    }

    public String mail() {
        return mail;
    }

    public String givenName() {
        return givenName;
    }

    public String surname() {
        return surname;
    }

    public String jobTitle() {
        return jobTitle;
    }

    public String department() {
        return department;
    }

    public String officeLocation() {
        return officeLocation;
    }

    public String mobilePhone() {
        return mobilePhone;
    }

    public String employeeId() {
        return employeeId;
    }

    public UserType userType() {
        return userType;
    }
}
