#pragma once

#include <QByteArrayView>
#include <QList>

namespace Payload {

/// One run of a line diff: `count` lines equal in both, only in the left, or only in the right.
struct DiffRun
{
    enum Kind : quint8 { Equal, Removed, Added };
    Kind kind = Equal;
    qsizetype count = 0;
};

/**
 * Lines of `left` and `right` (split at LF) compared with Myers' O(ND) algorithm, in its linear
 * space form (memory grows with the lines, not with lines × differences). Past
 * `maxEdits` differences the middle, between the common start and end, is reported as one
 * removal and one addition: a diff of two unrelated megabyte bodies must not take minutes.
 */
QList<DiffRun> diffLines(QByteArrayView left, QByteArrayView right, qsizetype maxEdits = 20000);

/// Side-by-side text: both sides get the same number of lines (blank lines stand in for lines
/// the other side lacks), and `changed` lists the line numbers that differ.
struct SideBySide
{
    QByteArray left;
    QByteArray right;
    QList<qsizetype> leftChanged;
    QList<qsizetype> rightChanged;
};
SideBySide sideBySide(QByteArrayView left, QByteArrayView right, qsizetype maxEdits = 20000);

} // namespace Payload
