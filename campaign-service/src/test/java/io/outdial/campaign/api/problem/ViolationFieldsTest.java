package io.outdial.campaign.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.api.dto.CampaignRequests.CreateCampaign;
import io.outdial.campaign.api.validation.Validators;
import io.outdial.campaign.domain.FieldError;

/** Paths of violations found on a resource method's parameters, named as the client wrote them. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ViolationFieldsTest {

    public static class Resource {
        public void list(@QueryParam("q") @Size(max = 3, message = "too long") String search) {
        }

        public void create(@NotNull(message = "is required") @Valid CreateCampaign request) {
        }
    }

    /** As CDI makes it: a subclass whose overriding methods carry no annotations. */
    public static class Intercepted extends Resource {
        @Override
        public void list(String search) {
        }
    }

    private static List<FieldError> violations(Object target, String method, Class<?> type, Object argument) throws Exception {
        Method m = Resource.class.getMethod(method, type);
        return ViolationFields.of(Validators.VALIDATOR.forExecutables().validateParameters(target, m, new Object[] { argument }));
    }

    @Test
    void aQueryParameterIsNamedByItsQueryName() throws Exception {
        assertEquals(List.of(new FieldError("q", "too long")), violations(new Resource(), "list", String.class, "abcd"));
        assertEquals(List.of(new FieldError("q", "too long")), violations(new Intercepted(), "list", String.class, "abcd"));
    }

    @Test
    void bodyMembersAreNamedFromTheBodyAndAMissingBodyIsTheBody() throws Exception {
        CreateCampaign body = new CreateCampaign(null, null, null, null, null, null, null, "10:00", "10:00", null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertEquals(List.of("callWindowEnd", "name"),
                violations(new Resource(), "create", CreateCampaign.class, body).stream().map(FieldError::field).toList());
        assertEquals(List.of(new FieldError("body", "is required")),
                violations(new Resource(), "create", CreateCampaign.class, null));
    }
}
