#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Delivery::Shell {

// Linux refuses a single argument longer than 128 KiB (MAX_ARG_STRLEN) when it starts curl, so a
// larger body cannot be an argument; it goes through printf, a shell builtin, instead.
inline constexpr qsizetype kMaxInlineBody = 64 * 1024;

/// Whether `s` is UTF-8 whose every character reads as itself in a terminal (no controls, no
/// invisible or bidi characters); a line feed is allowed when `allowNewline`.
bool isPrintableText(QByteArrayView s, bool allowNewline);

/// `s` as one shell word: bare when that is safe in sh, bash and zsh; in single quotes when it is
/// printable text; otherwise in bash's $'...' with \xHH escapes for the bytes that need them.
QByteArray word(QByteArrayView s, bool allowNewline = false);

/// A single-quoted printf format that prints exactly `bytes`. POSIX printf knows \ddd octal
/// escapes in the format (up to three digits, so three are always written), \n, \t, \r and \\.
QByteArray printfFormat(QByteArrayView bytes);

} // namespace Delivery::Shell
