package dev.tollgate.app.http;

import dev.tollgate.domain.tenancy.Tags;
import dev.tollgate.wire.openai.TagsField;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code x-tollgate-tags} header: a request's tags, comma-separated, for clients that cannot
 * put them in the body ({@code metadata.tags}) and on {@code /v1/messages}, whose Anthropic
 * {@code metadata} has another shape. Every value of the header counts; a request naming tags in
 * both places carries both, bounded together. A value that breaks the bounds is a 400 naming the
 * header, as a bad body field is ({@link Invalid}).
 */
public final class TagHeader {

  public static final String NAME = "x-tollgate-tags";

  private static final HeaderName HEADER = HeaderNames.create(NAME);

  private TagHeader() {}

  /** The header's tags broke a bound; the answer is a 400 naming the header (or the body field). */
  public static final class Invalid extends Exception {
    private final String param;

    Invalid(String message, String param) {
      super(message, null, false, false);
      this.param = param;
    }

    public String param() {
      return param;
    }

    public ApiError toError() {
      return ApiError.invalidRequest(getMessage(), param);
    }
  }

  /** The tags the header names; none when it is absent. */
  public static Tags of(ServerRequest req) throws Invalid {
    if (!req.headers().contains(HEADER)) {
      return Tags.NONE;
    }
    List<String> raw = new ArrayList<>();
    for (String value : req.headers().get(HEADER).allValues()) {
      Optional<List<String>> split = TagsField.split(value);
      if (split.isEmpty() || raw.size() > Tags.MAX_TAGS * 4) {
        throw new Invalid(NAME + " is too long: at most " + Tags.MAX_TAGS + " tags", NAME);
      }
      raw.addAll(split.get());
    }
    Optional<String> problem = Tags.problemWith(raw);
    if (problem.isPresent()) {
      throw new Invalid(NAME + ": " + problem.get(), NAME);
    }
    return Tags.of(raw.toArray(String[]::new));
  }

  /** The body's tags and the header's, each once: still at most {@value Tags#MAX_TAGS}. */
  public static Tags both(Tags body, Tags header) throws Invalid {
    List<String> all = new ArrayList<>();
    body.values().forEach(t -> all.add(t.value()));
    header.values().forEach(t -> all.add(t.value()));
    Optional<String> problem = Tags.problemWith(all);
    if (problem.isPresent()) {
      throw new Invalid(TagsField.PARAM + " and " + NAME + " together: " + problem.get(),
          TagsField.PARAM);
    }
    return body.and(header);
  }
}
