package dev.tollgate.wire.openai;

/**
 * How long an audio file plays, read from its own header before a model hears it: what a
 * transcription's hold is sized by. Exact where the container says so: WAV (the data chunk's
 * length over the byte rate), FLAC (STREAMINFO's samples over the sample rate), MP3 with a
 * Xing/Info or VBRI header (frames times samples per frame), Ogg Opus and Vorbis (the last page's
 * granule position over the rate, less Opus's pre-skip), MP4/M4A (the movie header's duration
 * over its time scale). An MP3 without a frame count is taken as constant bit rate from its first
 * frame (what such files are). Anything else (WebM, which browsers record without a duration, or
 * a header that does not parse) is its size at {@link #FLOOR_BYTES_PER_SECOND}, a bit rate few
 * speech encodings go below, so the estimate is rarely short of the truth.
 */
final class AudioDuration {

  /** 16 kbit/s: speech in Opus or AAC at its lowest common settings. */
  static final long FLOOR_BYTES_PER_SECOND = 2_000;

  /** MPEG-1 Layer III bit rates in kbit/s by index; MPEG-2 and 2.5 below. */
  private static final int[] MPEG1_L3 =
      {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0};
  private static final int[] MPEG2_L3 =
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0};
  private static final int[] MPEG1_RATES = {44_100, 48_000, 32_000, 0};

  private AudioDuration() {}

  /** How {@link #of} arrived at its answer. */
  enum Source { WAV, FLAC, MP3_FRAMES, MP3_BIT_RATE, OGG, MP4, SIZE }

  /** Milliseconds, rounded up, and how they were found. */
  record Estimate(long millis, Source source) {}

  static Estimate of(byte[] b, int start, int end) {
    long millis = wav(b, start, end);
    if (millis >= 0) {
      return new Estimate(millis, Source.WAV);
    }
    millis = flac(b, start, end);
    if (millis >= 0) {
      return new Estimate(millis, Source.FLAC);
    }
    millis = ogg(b, start, end);
    if (millis >= 0) {
      return new Estimate(millis, Source.OGG);
    }
    millis = mp4(b, start, end);
    if (millis >= 0) {
      return new Estimate(millis, Source.MP4);
    }
    Estimate mp3 = mp3(b, start, end);
    if (mp3 != null) {
      return mp3;
    }
    return new Estimate(ceilDiv((long) (end - start) * 1000, FLOOR_BYTES_PER_SECOND), Source.SIZE);
  }

  /** RIFF/WAVE: the {@code fmt } chunk's byte rate and the {@code data} chunk's size; else -1. */
  private static long wav(byte[] b, int start, int end) {
    if (end - start < 12 || !ascii(b, start, "RIFF") || !ascii(b, start + 8, "WAVE")) {
      return -1;
    }
    long byteRate = 0;
    int at = start + 12;
    while (at + 8 <= end) {
      long size = le32(b, at + 4);
      if (ascii(b, at, "fmt ") && at + 20 <= end) {
        byteRate = le32(b, at + 16);
      } else if (ascii(b, at, "data")) {
        if (byteRate <= 0) {
          return -1;
        }
        // A streamed WAV may say 0 or 0xFFFFFFFF: what is in the file is what plays.
        long present = end - (at + 8L);
        long data = size == 0 || size > present ? present : size;
        return ceilDiv(data * 1000, byteRate);
      }
      at += (int) Math.min(Integer.MAX_VALUE, 8 + size + (size & 1));
      if (at < 0) {
        return -1;
      }
    }
    return -1;
  }

  /** fLaC: STREAMINFO's sample rate (20 bits) and total samples (36 bits); else -1. */
  private static long flac(byte[] b, int start, int end) {
    if (end - start < 42 || !ascii(b, start, "fLaC") || (b[start + 4] & 0x7f) != 0) {
      return -1;
    }
    int info = start + 8; // past the metadata block's 4-byte header
    long rate = ((b[info + 10] & 0xffL) << 12) | ((b[info + 11] & 0xffL) << 4)
        | ((b[info + 12] & 0xf0L) >> 4);
    long samples = ((b[info + 13] & 0x0fL) << 32) | ((b[info + 14] & 0xffL) << 24)
        | ((b[info + 15] & 0xffL) << 16) | ((b[info + 16] & 0xffL) << 8) | (b[info + 17] & 0xffL);
    if (rate == 0 || samples == 0) {
      return -1; // "unknown": the size estimate applies
    }
    return ceilDiv(samples * 1000, rate);
  }

  /** The last Ogg page's this far from the end at most: pages are under 64 KiB. */
  private static final int OGG_TAIL = 65_307;

  /**
   * Ogg Opus or Vorbis: the last page's granule position (samples at 48 kHz for Opus, at the
   * identification header's rate for Vorbis) over the rate, Opus's pre-skip taken off; else -1.
   */
  private static long ogg(byte[] b, int start, int end) {
    if (end - start < 47 || !ascii(b, start, "OggS")) {
      return -1;
    }
    int packet = start + 27 + (b[start + 26] & 0xff);
    long rate;
    long preSkip = 0;
    if (ascii(b, packet, "OpusHead") && packet + 12 <= end) {
      rate = 48_000;
      preSkip = (b[packet + 10] & 0xffL) | ((b[packet + 11] & 0xffL) << 8);
    } else if (packet + 16 <= end && b[packet] == 1 && ascii(b, packet + 1, "vorbis")) {
      rate = le32(b, packet + 12);
    } else {
      return -1;
    }
    for (int at = end - 27; at >= Math.max(start, end - OGG_TAIL); at--) {
      if (b[at] == 'O' && ascii(b, at, "OggS")) {
        long granule = le32(b, at + 6) | (le32(b, at + 10) << 32);
        if (granule <= preSkip || rate <= 0 || granule > (1L << 50)) {
          return -1; // -1 granule (no packet ends on the page) or nonsense: the size estimate
        }
        return ceilDiv((granule - preSkip) * 1000, rate);
      }
    }
    return -1;
  }

  /**
   * MP4/M4A/MOV: the {@code mvhd} box in the top-level {@code moov} (at the start or, without
   * "fast start", at the end), its duration over its time scale; else -1.
   */
  private static long mp4(byte[] b, int start, int end) {
    if (end - start < 16 || !ascii(b, start + 4, "ftyp")) {
      return -1;
    }
    int at = start;
    while (at + 8 <= end) {
      long size = be32(b, at);
      int head = 8;
      if (size == 1 && at + 16 <= end) {
        size = (be32(b, at + 8) << 32) | be32(b, at + 12);
        head = 16;
      } else if (size == 0) {
        size = end - at;
      }
      if (size < head) {
        return -1;
      }
      if (ascii(b, at + 4, "moov")) {
        return mvhd(b, at + head, (int) Math.min(end, at + size));
      }
      if (size > end - at) {
        return -1;
      }
      at += (int) size;
    }
    return -1;
  }

  private static long mvhd(byte[] b, int from, int end) {
    int at = from;
    while (at + 8 <= end) {
      long size = be32(b, at);
      if (size < 8) {
        return -1;
      }
      if (ascii(b, at + 4, "mvhd")) {
        boolean v1 = b[at + 8] == 1;
        int fields = at + 12 + (v1 ? 16 : 8);
        if (fields + (v1 ? 12 : 8) > end) {
          return -1;
        }
        long scale = be32(b, fields);
        long duration = v1 ? (be32(b, fields + 4) << 32) | be32(b, fields + 8) : be32(b, fields + 4);
        return scale == 0 || duration < 0 || duration > (1L << 50) ? -1
            : ceilDiv(duration * 1000, scale);
      }
      at += (int) Math.min(size, end - at);
    }
    return -1;
  }

  /** An MPEG Layer III stream after any ID3v2 tag; null if the first frame header is not one. */
  private static Estimate mp3(byte[] b, int start, int end) {
    int at = start;
    if (end - at >= 10 && ascii(b, at, "ID3")) {
      int tag = ((b[at + 6] & 0x7f) << 21) | ((b[at + 7] & 0x7f) << 14)
          | ((b[at + 8] & 0x7f) << 7) | (b[at + 9] & 0x7f);
      at += 10 + tag + ((b[at + 5] & 0x10) != 0 ? 10 : 0);
    }
    if (at + 4 > end || (b[at] & 0xff) != 0xff || (b[at + 1] & 0xe0) != 0xe0) {
      return null;
    }
    int version = (b[at + 1] >> 3) & 0x3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    int layer = (b[at + 1] >> 1) & 0x3; // 1: Layer III
    int bitIndex = (b[at + 2] >> 4) & 0xf;
    int rateIndex = (b[at + 2] >> 2) & 0x3;
    if (version == 1 || layer != 1 || MPEG1_RATES[rateIndex] == 0) {
      return null;
    }
    boolean mpeg1 = version == 3;
    int sampleRate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
    int kbps = (mpeg1 ? MPEG1_L3 : MPEG2_L3)[bitIndex];
    int samplesPerFrame = mpeg1 ? 1152 : 576;
    long frames = xingFrames(b, at, end, mpeg1, (b[at + 3] >> 6 & 0x3) == 3);
    if (frames > 0) {
      return new Estimate(ceilDiv(frames * samplesPerFrame * 1000, sampleRate), Source.MP3_FRAMES);
    }
    if (kbps == 0) {
      return null;
    }
    return new Estimate(ceilDiv((long) (end - at) * 8, kbps), Source.MP3_BIT_RATE);
  }

  /** The frame count a Xing/Info (or VBRI) header in the first frame gives; 0 when none does. */
  private static long xingFrames(byte[] b, int frame, int end, boolean mpeg1, boolean mono) {
    int side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
    int xing = frame + 4 + side;
    if (xing + 12 <= end && (ascii(b, xing, "Xing") || ascii(b, xing, "Info"))
        && (b[xing + 7] & 0x1) != 0) {
      return be32(b, xing + 8);
    }
    int vbri = frame + 4 + 32;
    if (vbri + 18 <= end && ascii(b, vbri, "VBRI")) {
      return be32(b, vbri + 14);
    }
    return 0;
  }

  private static boolean ascii(byte[] b, int at, String s) {
    if (at < 0 || at + s.length() > b.length) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static long le32(byte[] b, int at) {
    return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16)
        | ((b[at + 3] & 0xffL) << 24);
  }

  private static long be32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }

  private static long ceilDiv(long a, long b) {
    return Math.ceilDiv(a, b);
  }
}
