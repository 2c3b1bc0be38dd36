package dev.tessera.pim.schedule;

/** The two kinds of role schedule: active assignments and eligibilities. */
public final class ScheduleKind {

    public static final String ASSIGNMENT = "assignment";
    public static final String ELIGIBILITY = "eligibility";

    private ScheduleKind() {
    }
}
