#pragma once

#include "jobcontrol.h"
#include "parseerror.h"
#include "tokenspan.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringView>

namespace Payload {

struct JsonFormatOptions
{
    /// Indentation stops growing past this depth, so `[[[[...]]]]` cannot make the output grow
    /// with the square of the input; deeper lines start at the same column.
    int maxIndentLevels = 64;
    /// The job fails rather than produce more than this (the indentation of a deep, wide
    /// document can be many times the input).
    qint64 maxOutputBytes = qint64(512) << 20;
    /// When above 0, stop once this many lines are written: a first screen to show at once while
    /// the whole body is formatted on a worker. Bytes after that point are not checked.
    qint64 maxLines = 0;
};

struct JsonFormatResult
{
    /// The pretty text (UTF-8, as sent), no trailing newline. Empty unless ok().
    QByteArray text;
    ParseError error;
    bool cancelled = false;
    /// maxLines was reached: `text` is the first lines of the pretty text, without the final newline.
    bool truncated = false;

    bool ok() const { return !cancelled && !error.isError(); }
};

/**
 * Pretty-prints JSON (RFC 8259) changing nothing but whitespace: member order, number spelling,
 * string escapes and bytes inside strings stay exactly as sent. Two-space indent, one member or
 * element per line, `"key": value`, empty `{}` and `[]` stay compact. A leading UTF-8 BOM is
 * dropped. Invalid JSON stops at the first error, reported with its input offset; the caller
 * shows the raw text instead.
 *
 * Highlighting: the output puts every token on one line and strings cannot span lines, so
 * jsonLineSpans() can classify any single line without context. No span list is kept; a
 * highlighter asks per visible line.
 */
JsonFormatResult formatJson(QByteArrayView json, const JobControl &control = {}, const JsonFormatOptions &options = {});

/// Token spans of one line of formatJson() output (or of any JSON text, tolerating junk): keys,
/// strings, numbers, literals and punctuation, in order. Offsets are in bytes.
QList<TokenSpan> jsonLineSpans(QByteArrayView line);
/// The same over UTF-16 text (QSyntaxHighlighter blocks); offsets are in UTF-16 units.
QList<TokenSpan> jsonLineSpans(QStringView line);

} // namespace Payload
