package io.outdial.campaign.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

/**
 * The service's public operations, read from its resource classes (every {@code @Path} class under
 * {@code io.outdial.campaign.api}), so that a new endpoint is fuzzed without anyone listing it.
 */
final class PublicEndpoints {

    /** Paths left out: {@code /internal} moves to the management port (add it here when it is public). */
    static final List<String> EXCLUDED_PREFIXES = List.of("/internal/");

    private static final Path CLASSES = Path.of("target", "classes");
    private static final String PACKAGE = "io/outdial/campaign/api";

    /** One operation: method, path template, its path and query parameters, and its body (null when none). */
    record Endpoint(String method, String template, List<String> pathParams, List<String> queryParams, Type body,
            List<String> consumes) {

        boolean mutates() {
            return !method.equals("GET");
        }

        boolean takesStream() {
            return body == InputStream.class;
        }

        String name() {
            return method + " " + template + (consumes.isEmpty() || !takesStream() ? "" : " [" + consumes.get(0) + "]");
        }
    }

    private PublicEndpoints() {
    }

    static List<Endpoint> all() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String method = httpMethod(m);
                if (method == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                String template = (base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                if (template.length() > 1 && template.endsWith("/")) {
                    template = template.substring(0, template.length() - 1);
                }
                String path = template;
                if (EXCLUDED_PREFIXES.stream().anyMatch(path::startsWith)) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                Type body = null;
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(PathParam.class)) {
                        pathParams.add(p.getAnnotation(PathParam.class).value());
                    } else if (p.isAnnotationPresent(QueryParam.class)) {
                        queryParams.add(p.getAnnotation(QueryParam.class).value());
                    } else if (!isContextual(p)) {
                        body = p.getParameterizedType();
                    }
                }
                Consumes consumes = m.getAnnotation(Consumes.class);
                endpoints.add(new Endpoint(method, template, pathParams, queryParams, body,
                        consumes == null ? List.of("application/json") : List.of(consumes.value())));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::name));
        return endpoints;
    }

    private static boolean isContextual(Parameter p) {
        for (Class<? extends Annotation> kind : List.of(Context.class, HeaderParam.class, CookieParam.class, FormParam.class,
                BeanParam.class)) {
            if (p.isAnnotationPresent(kind)) {
                return true;
            }
        }
        return false;
    }

    private static String httpMethod(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "PATCH";
        }
        if (m.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }

    private static List<Class<?>> resourceClasses() {
        Path root = CLASSES.resolve(PACKAGE);
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, PublicEndpoints.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    classes.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no resource classes under " + root.toAbsolutePath());
        }
        return classes;
    }
}
