#pragma once

#include <QByteArrayView>
#include <QList>

namespace Http {

/// '*' (any run, also empty) and '?' (one byte) globbing over bytes, as answer rules and signing
/// secrets match request paths.
bool globMatch(QByteArrayView pattern, QByteArrayView text);

/// The same match, also giving what each '*' of `pattern` matched, in order (earlier ones as
/// short as the match allows). No recursion: at worst pattern × text steps, like globMatch. '?'
/// captures nothing. False, and `stars` untouched, when it does not match.
bool globCapture(QByteArrayView pattern, QByteArrayView text, QList<QByteArrayView> *stars);

} // namespace Http
