#include "contentdecoder.h"

#include <QCoreApplication>

#include <brotli/decode.h>
#include <zlib.h>

#include <limits>
#include <memory>

namespace Payload {

namespace {

// Grows the output a chunk at a time up to the limit (plus one byte, to tell "exactly the limit"
// from "more than the limit").
class Sink
{
public:
    Sink(qsizetype inputSize, qint64 maxBytes)
        : m_cap(maxBytes + 1)
    {
        // A guess at the ratio of text; the buffer doubles from there, and never starts huge.
        const qint64 guess = qBound(qint64(64) * 1024, qint64(inputSize) * 4, qint64(64) << 20);
        m_out.resize(qsizetype(qMin<qint64>(guess, m_cap)));
    }

    // Room to write at the end; empty once the limit is passed.
    char *space() { return m_out.data() + m_used; }
    qsizetype spaceSize() const { return m_out.size() - m_used; }
    void produced(qsizetype n) { m_used += n; }

    // Makes sure spaceSize() > 0 unless the limit is passed.
    bool grow()
    {
        if (spaceSize() > 0)
            return true;
        if (m_out.size() >= m_cap)
            return false;
        m_out.resize(qsizetype(qMin<qint64>(qint64(m_out.size()) * 2, m_cap)));
        return true;
    }

    bool overLimit() const { return m_used >= m_cap; }

    QByteArray take()
    {
        m_out.resize(m_used);
        m_out.squeeze();
        return std::move(m_out);
    }

private:
    QByteArray m_out;
    qsizetype m_used = 0;
    qint64 m_cap;
};

struct Step
{
    QByteArray bytes;
    QString error;
    QString warning;
    bool limitExceeded = false;
};

QString limitError(QByteArrayView coding, qint64 maxBytes)
{
    return QCoreApplication::translate(
               "Payload::ContentDecoder",
               "the %1-decoded body is larger than the %2 MiB limit (possibly a decompression bomb)")
        .arg(QString::fromLatin1(coding), QString::number(maxBytes >> 20));
}

QString trailingWarning(QByteArrayView coding, qsizetype count)
{
    // The count can pass what an int holds: it goes in as %1, and n only picks the plural form.
    const int n = int(qMin<qsizetype>(count, std::numeric_limits<int>::max()));
    return QCoreApplication::translate("Payload::ContentDecoder",
                                       "%1 byte(s) after the end of the %2 data were left out", nullptr, n)
        .arg(QString::number(count), QString::fromLatin1(coding));
}

// zlib's inflate over the whole input. windowBits selects the wrapper: 16 + 15 gzip (RFC 1952),
// 15 zlib (RFC 1950), -15 raw deflate (RFC 1951).
Step runInflate(QByteArrayView in, int windowBits, QByteArrayView coding, qint64 maxBytes)
{
    Step step;
    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK) {
        step.error = QCoreApplication::translate("Payload::ContentDecoder", "could not start the %1 decoder")
                         .arg(QString::fromLatin1(coding));
        return step;
    }
    std::unique_ptr<z_stream, int (*)(z_stream *)> guard(&zs, inflateEnd);
    Sink sink(in.size(), maxBytes);
    const auto *const inBegin = reinterpret_cast<const Bytef *>(in.data());
    zs.next_in = const_cast<Bytef *>(inBegin);
    qsizetype inLeft = in.size();
    const bool gzip = windowBits > 15;
    for (;;) {
        if (!sink.grow()) {
            step.limitExceeded = true;
            step.error = limitError(coding, maxBytes);
            return step;
        }
        // z_stream counts in uInt; feed and drain in pieces below 4 GiB.
        const uInt inChunk = uInt(qMin<qsizetype>(inLeft, 1 << 30));
        const uInt outChunk = uInt(qMin<qsizetype>(sink.spaceSize(), 1 << 30));
        zs.avail_in = inChunk;
        zs.next_out = reinterpret_cast<Bytef *>(sink.space());
        zs.avail_out = outChunk;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        inLeft -= inChunk - zs.avail_in;
        sink.produced(outChunk - zs.avail_out);
        if (rc == Z_STREAM_END) {
            // RFC 1952 §2.2: a gzip file is a series of members; keep going while one follows.
            if (gzip && inLeft >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            if (inLeft > 0)
                step.warning = trailingWarning(coding, inLeft);
            break;
        }
        if (rc == Z_NEED_DICT) {
            step.error = QCoreApplication::translate("Payload::ContentDecoder", "the %1 data needs a preset dictionary")
                             .arg(QString::fromLatin1(coding));
            return step;
        }
        if (rc == Z_DATA_ERROR || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR) {
            step.error =
                QCoreApplication::translate("Payload::ContentDecoder", "the %1 data is corrupt at byte %2 (%3)")
                    .arg(QString::fromLatin1(coding))
                    .arg(qint64(reinterpret_cast<const char *>(zs.next_in) - in.data()))
                    .arg(QString::fromLatin1(zs.msg ? zs.msg : "zlib error")); // not translated: zlib's own words
            return step;
        }
        // Z_OK or Z_BUF_ERROR: with all input given and room left, no progress means it ended early.
        if (inLeft == 0 && zs.avail_out > 0) {
            step.error = QCoreApplication::translate("Payload::ContentDecoder", "the %1 data ends early (truncated)")
                             .arg(QString::fromLatin1(coding));
            return step;
        }
    }
    if (sink.overLimit()) {
        step.limitExceeded = true;
        step.error = limitError(coding, maxBytes);
        return step;
    }
    step.bytes = sink.take();
    return step;
}

// RFC 1950 §2.2: CM = 8 with a window of at most 32 KiB, and CMF·256 + FLG a multiple of 31.
bool looksLikeZlib(QByteArrayView in)
{
    if (in.size() < 2)
        return false;
    const auto cmf = static_cast<unsigned char>(in[0]);
    const auto flg = static_cast<unsigned char>(in[1]);
    return (cmf & 0x0f) == 8 && (cmf >> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
}

Step runDeflate(QByteArrayView in, qint64 maxBytes)
{
    // RFC 9110 §8.4.1.2 says zlib, but raw deflate is common enough to expect both.
    if (looksLikeZlib(in)) {
        Step zlib = runInflate(in, 15, "deflate", maxBytes);
        if (zlib.error.isEmpty() || zlib.limitExceeded)
            return zlib;
        Step raw = runInflate(in, -15, "deflate", maxBytes);
        return raw.error.isEmpty() || raw.limitExceeded ? raw : zlib;
    }
    return runInflate(in, -15, "deflate", maxBytes);
}

Step runBrotli(QByteArrayView in, qint64 maxBytes)
{
    Step step;
    std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState *)> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
    if (!state) {
        step.error = QCoreApplication::translate("Payload::ContentDecoder", "could not start the br decoder");
        return step;
    }
    Sink sink(in.size(), maxBytes);
    size_t availIn = size_t(in.size());
    const auto *nextIn = reinterpret_cast<const uint8_t *>(in.data());
    for (;;) {
        if (!sink.grow()) {
            step.limitExceeded = true;
            step.error = limitError("br", maxBytes);
            return step;
        }
        size_t availOut = size_t(sink.spaceSize());
        auto *nextOut = reinterpret_cast<uint8_t *>(sink.space());
        const BrotliDecoderResult rc =
            BrotliDecoderDecompressStream(state.get(), &availIn, &nextIn, &availOut, &nextOut, nullptr);
        sink.produced(sink.spaceSize() - qsizetype(availOut));
        if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
            if (availIn > 0)
                step.warning = trailingWarning("br", qsizetype(availIn));
            break;
        }
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
            continue;
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
            step.error = QCoreApplication::translate("Payload::ContentDecoder", "the br data ends early (truncated)");
            return step;
        }
        const BrotliDecoderErrorCode code = BrotliDecoderGetErrorCode(state.get());
        step.error = QCoreApplication::translate("Payload::ContentDecoder", "the br data is corrupt at byte %1 (%2)")
                         .arg(qint64(reinterpret_cast<const char *>(nextIn) - in.data()))
                         .arg(QString::fromLatin1(BrotliDecoderErrorString(code)));
        return step;
    }
    if (sink.overLimit()) {
        step.limitExceeded = true;
        step.error = limitError("br", maxBytes);
        return step;
    }
    step.bytes = sink.take();
    return step;
}

QByteArray trimmedLower(QByteArrayView v)
{
    return v.trimmed().toByteArray().toLower();
}

} // namespace

QList<QByteArray> parseContentCodings(QByteArrayView contentEncoding)
{
    QList<QByteArray> codings;
    for (QByteArrayView piece : contentEncoding.toByteArray().split(',')) {
        const QByteArray c = trimmedLower(piece);
        if (!c.isEmpty())
            codings.append(c);
    }
    return codings;
}

DecodeResult decodeCoding(const QByteArray &data, QByteArrayView coding, qint64 maxBytes)
{
    DecodeResult result;
    const QByteArray name = trimmedLower(coding);
    Step step;
    if (name == "identity" || name.isEmpty()) {
        step.bytes = data;
    } else if (data.isEmpty()) {
        // Nothing was sent: a 204-like empty body with a coding header decodes to nothing.
        step.bytes = data;
    } else if (name == "gzip" || name == "x-gzip") {
        step = runInflate(data, 16 + 15, name, maxBytes);
    } else if (name == "deflate") {
        step = runDeflate(data, maxBytes);
    } else if (name == "br") {
        step = runBrotli(data, maxBytes);
    } else if (name == "compress" || name == "x-compress" || name == "zstd" || name == "dcb" || name == "dcz") {
        step.error = QCoreApplication::translate("Payload::ContentDecoder", "the content coding '%1' is not supported")
                         .arg(QString::fromLatin1(name));
    } else {
        step.error = QCoreApplication::translate("Payload::ContentDecoder", "unknown content coding '%1'")
                         .arg(QString::fromLatin1(name));
    }
    if (!step.error.isEmpty()) {
        result.bytes = data;
        result.error = step.error;
        result.limitExceeded = step.limitExceeded;
        return result;
    }
    if (step.bytes.size() > maxBytes) {
        result.bytes = data;
        result.error = limitError(name, maxBytes);
        result.limitExceeded = true;
        return result;
    }
    result.bytes = std::move(step.bytes);
    result.warning = step.warning;
    if (name != "identity" && !name.isEmpty())
        result.undone.append(name);
    return result;
}

DecodeResult decodeContent(const QByteArray &body, QByteArrayView contentEncoding, qint64 maxBytes)
{
    DecodeResult result;
    result.bytes = body;
    const QList<QByteArray> codings = parseContentCodings(contentEncoding);
    QByteArray current = body;
    QStringList warnings;
    for (qsizetype i = codings.size() - 1; i >= 0; --i) {
        DecodeResult one = decodeCoding(current, codings[i], maxBytes);
        if (!one.ok()) {
            result.error =
                codings.size() > 1
                    ? QCoreApplication::translate("Payload::ContentDecoder", "%1 (undoing '%2' of '%3')")
                          .arg(one.error, QString::fromLatin1(codings[i]), QString::fromLatin1(contentEncoding))
                    : one.error;
            result.limitExceeded = one.limitExceeded;
            result.undone.clear();
            return result;
        }
        if (!one.warning.isEmpty())
            warnings.append(one.warning);
        result.undone += one.undone;
        current = std::move(one.bytes);
    }
    result.bytes = std::move(current);
    result.warning = warnings.join(QLatin1StringView("; "));
    return result;
}

} // namespace Payload
