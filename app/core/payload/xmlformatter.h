#pragma once

#include "jobcontrol.h"
#include "parseerror.h"
#include "tokenspan.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Payload {

struct XmlFormatOptions
{
    int maxIndentLevels = 64;                  ///< deeper elements start at the same column
    qint64 maxOutputBytes = qint64(512) << 20; ///< fail rather than produce more
};

struct XmlFormatResult
{
    /// The pretty text in the input's own encoding, no trailing newline. Empty unless ok().
    QByteArray text;
    /// Highlighting runs over `text`, sorted by start and not overlapping. Comments, CDATA and
    /// text keep their own line breaks, so a run may cross lines: clip it to each line.
    QList<TokenSpan> spans;
    ParseError error;
    bool cancelled = false;

    bool ok() const { return !cancelled && !error.isError(); }
};

/**
 * Indents an XML document one element per line (two spaces a level) without changing its
 * spelling: tags and attributes, text, CDATA, comments, processing instructions and the DOCTYPE
 * are copied byte for byte, entity and character references as written. Only whitespace-only
 * text between markup is replaced by line breaks and indentation. An element holding any other
 * text (mixed content), an element that is empty or holds only whitespace, and an element with
 * xml:space="preserve" are copied whole, exactly as sent. A leading UTF-8 BOM is dropped.
 *
 * Checked on the way (XML 1.0 well-formedness, the parts that matter for display): tag syntax,
 * matching end tags, quoted and unique attributes, references, one root element, terminated
 * comments/CDATA/PIs, the XML declaration only at the start. The first problem stops the job
 * with its input offset. Works on any ASCII-compatible encoding (UTF-8, ISO-8859-x, Shift_JIS,
 * ...); UTF-16 is refused, to be shown as text.
 */
XmlFormatResult formatXml(QByteArrayView xml, const JobControl &control = {}, const XmlFormatOptions &options = {});

} // namespace Payload
