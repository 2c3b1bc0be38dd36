package dev.tessera.pim.schedule;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The PIM endpoints under {@code /roleManagement/directory}: one class per entity set. */
final class PimApis {

    static final String BASE = "/v1.0/roleManagement/directory/";
    static final String SET = "roleManagement/directory/";

    private PimApis() {
    }

    @Path(BASE + "roleAssignmentScheduleRequests")
    @Produces(MediaType.APPLICATION_JSON)
    public static class AssignmentRequests extends ScheduleRequestResource {
        protected String kind() { return ScheduleKind.ASSIGNMENT; }
        protected String entitySet() { return SET + "roleAssignmentScheduleRequests"; }
    }

    @Path(BASE + "roleEligibilityScheduleRequests")
    @Produces(MediaType.APPLICATION_JSON)
    public static class EligibilityRequests extends ScheduleRequestResource {
        protected String kind() { return ScheduleKind.ELIGIBILITY; }
        protected String entitySet() { return SET + "roleEligibilityScheduleRequests"; }
    }

    @Path(BASE + "roleAssignmentSchedules")
    @Produces(MediaType.APPLICATION_JSON)
    public static class AssignmentSchedules extends ScheduleResource {
        protected String kind() { return ScheduleKind.ASSIGNMENT; }
        protected boolean instances() { return false; }
        protected String entitySet() { return SET + "roleAssignmentSchedules"; }
    }

    @Path(BASE + "roleEligibilitySchedules")
    @Produces(MediaType.APPLICATION_JSON)
    public static class EligibilitySchedules extends ScheduleResource {
        protected String kind() { return ScheduleKind.ELIGIBILITY; }
        protected boolean instances() { return false; }
        protected String entitySet() { return SET + "roleEligibilitySchedules"; }
    }

    @Path(BASE + "roleAssignmentScheduleInstances")
    @Produces(MediaType.APPLICATION_JSON)
    public static class AssignmentInstances extends ScheduleResource {
        protected String kind() { return ScheduleKind.ASSIGNMENT; }
        protected boolean instances() { return true; }
        protected String entitySet() { return SET + "roleAssignmentScheduleInstances"; }
    }

    @Path(BASE + "roleEligibilityScheduleInstances")
    @Produces(MediaType.APPLICATION_JSON)
    public static class EligibilityInstances extends ScheduleResource {
        protected String kind() { return ScheduleKind.ELIGIBILITY; }
        protected boolean instances() { return true; }
        protected String entitySet() { return SET + "roleEligibilityScheduleInstances"; }
    }
}
