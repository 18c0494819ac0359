package io.secretgate.manifest;

import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML factory whose parsers say whether the scalar just read (a key or a value) was written plain,
 * with no quotes and no tag: Jackson's parser reads such scalars by YAML 1.2 and drops the style, and
 * kubectl reads them by YAML 1.1 ({@link GoYamlScalars}); and which anchor it has, which Jackson drops.
 */
final class PlainScalarYamlFactory extends YAMLFactory {
  private static final long serialVersionUID = 1L;

  PlainScalarYamlFactory(LoadSettings settings) {
    super(YAMLFactory.builder().loadSettings(settings));
  }

  /** A parser that keeps the text of the last scalar event when it was plain and untagged. */
  static final class Parser extends YAMLParser {
    private String plainScalar;
    private String scalarAnchor;

    Parser(ObjectReadContext ctxt, IOContext io, BufferRecycler br, int streamFeatures, int formatFeatures, LoadSettings settings, Reader reader) {
      super(ctxt, io, br, streamFeatures, formatFeatures, settings, reader);
    }

    @Override
    protected Event nextEvent() {
      Event e = super.nextEvent();
      plainScalar = e instanceof ScalarEvent s && s.isPlain() && s.getTag().isEmpty() ? s.getValue() : null;
      scalarAnchor = e instanceof ScalarEvent s ? s.getAnchor().map(Anchor::getValue).orElse(null) : null;
      return e;
    }

    /** The anchor of the scalar at the current token ({@code &name}), which Jackson gives for maps and lists only, else null. */
    String scalarAnchor() {
      return scalarAnchor;
    }

    /** The text of the scalar at the current token (a property name or a value) if it is plain, else null. */
    String plainScalar() {
      return plainScalar;
    }
  }

  private Parser parser(ObjectReadContext ctxt, IOContext io, Reader reader) {
    return new Parser(ctxt, io, _getBufferRecycler(), ctxt.getStreamReadFeatures(_streamReadFeatures),
        ctxt.getFormatReadFeatures(_formatReadFeatures), _loadSettings, reader);
  }

  @Override
  protected YAMLParser _createParser(ObjectReadContext ctxt, IOContext io, InputStream in) {
    return parser(ctxt, io, _createReader(in, null, io));
  }

  @Override
  protected YAMLParser _createParser(ObjectReadContext ctxt, IOContext io, Reader reader) {
    return parser(ctxt, io, reader);
  }

  @Override
  protected YAMLParser _createParser(ObjectReadContext ctxt, IOContext io, char[] data, int offset, int len, boolean recyclable) {
    return parser(ctxt, io, new CharArrayReader(data, offset, len));
  }

  @Override
  protected YAMLParser _createParser(ObjectReadContext ctxt, IOContext io, byte[] data, int offset, int len) {
    return parser(ctxt, io, _createReader(data, offset, len, null, io));
  }

  @Override
  public PlainScalarYamlFactory copy() {
    return new PlainScalarYamlFactory(_loadSettings);
  }
}
