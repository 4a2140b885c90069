package io.imagestore.job.config;

import io.imagestore.config.ConfigException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named processing profiles and the routes choosing one per upload: the first route matching the
 * upload's source (and path prefix) wins, else the profile named {@value #DEFAULT_PROFILE}.
 */
public record ProfileCatalog(Map<String, ProfileSettings> profiles, List<ProfileRoute> routes) implements Serializable {

  public static final String DEFAULT_PROFILE = "default";

  public ProfileCatalog {
    profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    routes = List.copyOf(routes);
    if (!profiles.containsKey(DEFAULT_PROFILE)) {
      throw new ConfigException("profiles." + DEFAULT_PROFILE, "a profile named '" + DEFAULT_PROFILE + "' is required");
    }
    for (int i = 0; i < routes.size(); i++) {
      if (!profiles.containsKey(routes.get(i).profile())) {
        throw new ConfigException("routes[" + i + "].profile",
            "no profile named '" + routes.get(i).profile() + "' (known: " + profiles.keySet() + ")");
      }
    }
  }

  public static ProfileCatalog defaults() {
    return new ProfileCatalog(Map.of(DEFAULT_PROFILE, ProfileSettings.defaults()), List.of());
  }

  /** The name of the profile for an upload from {@code sourceId} at {@code originalPath}. */
  public String select(String sourceId, String originalPath) {
    for (ProfileRoute route : routes) {
      if (route.matches(sourceId, originalPath)) {
        return route.profile();
      }
    }
    return DEFAULT_PROFILE;
  }

  public ProfileSettings profile(String name) {
    ProfileSettings p = profiles.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no profile " + name);
    }
    return p;
  }
}
