package dev.cairn.processor.graph;

import dev.cairn.processor.model.Dependency;

/**
 * Words for where a dependency was declared, so that rule messages about a SQL script's
 * {@code -- depends-on:} header point there rather than at a {@code dependsOn} the user never wrote.
 *
 * <pre>{@code
 * "Fix the version in " + Dependencies.where(dependency)   // "dependsOn" or "its '-- depends-on:' header (...)"
 * }</pre>
 */
final class Dependencies {

    private Dependencies() {
    }

    /** {@code "dependsOn"} or {@code "dependsOnDotted"}, or the dependency's origin. */
    static String where(Dependency dependency) {
        return dependency.origin() == null ? dependency.attribute() : dependency.origin();
    }

    /** Empty, or {@code " (from <origin>)"} for a dependency not written in {@code dependsOn}. */
    static String origin(Dependency dependency) {
        return dependency.origin() == null ? "" : " (from " + dependency.origin() + ")";
    }
}
