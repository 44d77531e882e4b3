package io.outdial.campaign.api.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.outdial.campaign.domain.FieldError;

/**
 * Names a constraint violation's value the way the API does. Bean Validation paths start at the
 * resource method ({@code create.body.callWindowStart}); clients know the JSON body
 * ({@code callWindowStart}), the query parameter ({@code search}) or, for a missing body,
 * {@code body}. Indexes and map keys read as in JSON paths elsewhere: {@code fromNumberIds[2]},
 * {@code retryRules.busy.delayMinutes}.
 */
public final class ViolationFields {

    private ViolationFields() {
    }

    /** The violations as field errors, ordered by field so that the same request gets the same answer. */
    public static List<FieldError> of(Set<? extends ConstraintViolation<?>> violations) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            errors.add(new FieldError(field(v), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    /** Whether a violation is of what the server answered (a bug), not of what the client sent. */
    public static boolean isOfReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        Path.MethodNode method = null;
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            switch (node.getKind()) {
                case METHOD -> method = node.as(Path.MethodNode.class);
                case PARAMETER -> {
                    // A parameter with nodes after it is the body, whose members are named from its root.
                    if (i == nodes.size() - 1) {
                        out.append(parameterName(violation.getRootBeanClass(), method, node.as(Path.ParameterNode.class)));
                    }
                }
                case PROPERTY, BEAN, CONTAINER_ELEMENT -> {
                    if (node.isInIterable()) {
                        if (node.getIndex() != null) {
                            out.append('[').append(node.getIndex()).append(']');
                        } else if (node.getKey() != null) {
                            append(out, String.valueOf(node.getKey()));
                        }
                    }
                    if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                        append(out, node.getName());
                    }
                }
                default -> {
                }
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static void append(StringBuilder out, String name) {
        if (!out.isEmpty()) {
            out.append('.');
        }
        out.append(name);
    }

    /** The name the client gave the parameter: its query, path, header, form or cookie name, else it is the body. */
    private static String parameterName(Class<?> resource, Path.MethodNode method, Path.ParameterNode parameter) {
        if (method == null) {
            return parameter.getName();
        }
        Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
        // The root may be a generated subclass (interceptors) whose methods carry no annotations.
        for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
            Method declared;
            try {
                declared = type.getDeclaredMethod(method.getName(), types);
            } catch (NoSuchMethodException e) {
                continue;
            }
            String name = requestName(declared.getParameterAnnotations()[parameter.getParameterIndex()]);
            if (name != null) {
                return name;
            }
        }
        return "body";
    }

    private static String requestName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
            if (a instanceof CookieParam c) {
                return c.value();
            }
        }
        return null;
    }
}
