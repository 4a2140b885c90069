package io.imagestore.config;

/**
 * Thrown by a model's creator about one of its own fields when the creator cannot know where in
 * the file it sits (a rendition inside any profile, say): {@link ConfigReader} turns it into a
 * {@link ConfigException} with the full key, e.g. {@code profiles.portrait.renditions[1].box}.
 */
public class InvalidField extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  public InvalidField(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
