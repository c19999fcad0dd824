#include "shellsplit.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>

namespace Delivery::Shell {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Delivery::Shell", text);
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

int digitValue(char c, int base)
{
    int v = -1;
    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
    return v < base ? v : -1;
}

void appendCodePoint(QByteArray &out, char32_t cp)
{
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    out += QString::fromUcs4(&cp, 1).toUtf8();
}

class Splitter
{
public:
    explicit Splitter(QByteArrayView text)
        : s(text)
    {
    }

    SplitResult run();

private:
    bool at(qsizetype k, char c) const { return k < s.size() && s[k] == c; }
    void startWord() { inWord = true; }
    void endWord();
    void endCommand(bool pipe);
    void noteExpansion(qsizetype from, qsizetype to);
    qsizetype expansionEnd(qsizetype dollar) const;
    bool singleQuoted();
    bool doubleQuoted();
    bool ansiC();
    bool backtick(bool quoted);
    void redirection();
    void lineEnd();

    QByteArrayView s;
    qsizetype i = 0;
    SplitResult r;
    Command current;
    QByteArray word;
    bool inWord = false;
    bool wordBare = true;      ///< no quote or escape in the word so far
    bool dropNextWord = false; ///< the word after a redirection operator is its target
    QStringList expansions;
    bool redirected = false;
};

void Splitter::endWord()
{
    if (!inWord)
        return;
    if (dropNextWord) {
        dropNextWord = false;
    } else {
        // Tilde expansion is the one expansion done: a path such as ~/event.json means a file.
        if (wordBare && (word == "~" || word.startsWith("~/")))
            word.replace(0, 1, QDir::homePath().toUtf8());
        current.words.append(word);
    }
    word.clear();
    inWord = false;
    wordBare = true;
}

void Splitter::endCommand(bool pipe)
{
    endWord();
    if (!current.words.isEmpty() || pipe) {
        current.pipesToNext = pipe;
        r.commands.append(current);
    }
    current = {};
}

void Splitter::noteExpansion(qsizetype from, qsizetype to)
{
    const QString text = QString::fromUtf8(s.sliced(from, qMin(to - from, qsizetype(40))));
    if (!expansions.contains(text))
        expansions.append(text);
}

// Where a $NAME, ${...} or $(...) starting at `dollar` ends; `dollar` + 1 when it is a plain '$'.
qsizetype Splitter::expansionEnd(qsizetype dollar) const
{
    qsizetype k = dollar + 1;
    if (k >= s.size())
        return k;
    const char open = s[k];
    if (open == '{' || open == '(') {
        const char close = open == '{' ? '}' : ')';
        int depth = 0;
        for (; k < s.size(); ++k) {
            if (s[k] == open)
                ++depth;
            else if (s[k] == close && --depth == 0)
                return k + 1;
        }
        return s.size();
    }
    if (isNameStart(open)) {
        while (k < s.size() && isNameChar(s[k]))
            ++k;
        return k;
    }
    if ((open >= '0' && open <= '9') || QByteArrayView("@*#?-$!").contains(open))
        return k + 1;
    return dollar + 1;
}

bool Splitter::singleQuoted()
{
    const qsizetype close = s.indexOf('\'', i + 1);
    if (close < 0) {
        r.error = tr("A single quote (') is not closed.");
        return false;
    }
    word += s.sliced(i + 1, close - i - 1);
    i = close + 1;
    return true;
}

bool Splitter::doubleQuoted()
{
    ++i;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            ++i;
            return true;
        }
        if (c == '\\' && i + 1 < s.size()) {
            const char n = s[i + 1];
            if (n == '\n') {
                i += 2;
                continue;
            }
            if (n == '\r' && at(i + 2, '\n')) {
                i += 3;
                continue;
            }
            if (n == '$' || n == '`' || n == '"' || n == '\\') {
                word += n;
                i += 2;
                continue;
            }
            word += c;
            ++i;
            continue;
        }
        if (c == '$') {
            const qsizetype end = expansionEnd(i);
            if (end > i + 1)
                noteExpansion(i, end);
            word += s.sliced(i, end - i);
            i = end;
            continue;
        }
        if (c == '`') {
            if (!backtick(true))
                return false;
            continue;
        }
        word += c;
        ++i;
    }
    r.error = tr("A double quote (\") is not closed.");
    return false;
}

// bash's $'...': the escapes of C strings, the text is otherwise literal.
bool Splitter::ansiC()
{
    i += 2;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\'') {
            ++i;
            return true;
        }
        if (c != '\\' || i + 1 >= s.size()) {
            word += c;
            ++i;
            continue;
        }
        const char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'a':
            word += '\a';
            break;
        case 'b':
            word += '\b';
            break;
        case 'e':
        case 'E':
            word += '\x1b';
            break;
        case 'f':
            word += '\f';
            break;
        case 'n':
            word += '\n';
            break;
        case 'r':
            word += '\r';
            break;
        case 't':
            word += '\t';
            break;
        case 'v':
            word += '\v';
            break;
        case '\\':
        case '\'':
        case '"':
        case '?':
            word += e;
            break;
        case 'c':
            if (i < s.size()) {
                word += char(s[i] & 0x1f);
                ++i;
            }
            break;
        case 'x':
        case 'u':
        case 'U': {
            const int maxDigits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            char32_t value = 0;
            int n = 0;
            while (n < maxDigits && i < s.size() && digitValue(s[i], 16) >= 0) {
                value = value * 16 + char32_t(digitValue(s[i], 16));
                ++i;
                ++n;
            }
            if (n == 0)
                word += '\\' + QByteArray(1, e);
            else if (e == 'x')
                word += char(value);
            else
                appendCodePoint(word, value);
            break;
        }
        default:
            if (digitValue(e, 8) >= 0) {
                int value = digitValue(e, 8);
                for (int n = 1; n < 3 && i < s.size() && digitValue(s[i], 8) >= 0; ++n, ++i)
                    value = value * 8 + digitValue(s[i], 8);
                word += char(value & 0xff);
            } else {
                word += '\\';
                word += e;
            }
        }
    }
    r.error = tr("A $'...' quote is not closed.");
    return false;
}

// A `...` command substitution is kept as written (nothing is run). A backtick that ends a line
// outside quotes is PowerShell's line continuation, which no POSIX shell knows.
bool Splitter::backtick(bool quoted)
{
    if (!quoted) {
        qsizetype k = i + 1;
        while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
            ++k;
        if (k >= s.size() || s[k] == '\n') {
            r.warnings += tr("A backtick (`) at the end of a line continues a PowerShell command, not a POSIX "
                             "shell one: the lines after it were read as separate commands. Paste the bash "
                             "form (lines ending in \\).");
            i = k;
            return true;
        }
    }
    const qsizetype close = s.indexOf('`', i + 1);
    if (close < 0) {
        r.error = tr("A backtick (`) is not closed.");
        return false;
    }
    noteExpansion(i, close + 1);
    startWord();
    word += s.sliced(i, close + 1 - i);
    i = close + 1;
    return true;
}

void Splitter::redirection()
{
    // A word of digits right before the operator is the file descriptor (2>...).
    if (inWord && wordBare && !word.isEmpty() &&
        std::all_of(word.cbegin(), word.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        word.clear();
        inWord = false;
    } else {
        endWord();
    }
    if (!redirected)
        r.warnings += tr("Redirections (> file, < file, 2>&1) are not part of the request and were left out.");
    redirected = true;
    const char op = s[i++];
    if (i < s.size() && (s[i] == op || s[i] == '|'))
        ++i;
    if (at(i, '&')) {
        ++i;
        while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            ++i;
        return;
    }
    dropNextWord = true;
}

void Splitter::lineEnd()
{
    // cmd.exe continues a line that ends in ^; a POSIX shell passes "^" on as an argument.
    if (!inWord && !current.words.isEmpty() && current.words.last() == "^") {
        current.words.removeLast();
        r.warnings += tr("A ^ at the end of a line continues a Windows cmd command, not a POSIX shell one: the "
                         "lines after it were read as separate commands. Paste the bash form (lines ending in "
                         "\\).");
    }
    endCommand(false);
}

SplitResult Splitter::run()
{
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            endWord();
            ++i;
        } else if (c == '\n') {
            endWord();
            lineEnd();
            ++i;
        } else if (c == '#' && !inWord) {
            while (i < s.size() && s[i] != '\n')
                ++i;
        } else if (c == '\\') {
            if (at(i + 1, '\n')) {
                i += 2;
            } else if (at(i + 1, '\r') && at(i + 2, '\n')) {
                i += 3;
            } else if (i + 1 < s.size()) {
                startWord();
                wordBare = false;
                word += s[i + 1];
                i += 2;
            } else {
                startWord();
                word += c;
                ++i;
            }
        } else if (c == '\'') {
            startWord();
            wordBare = false;
            if (!singleQuoted())
                return r;
        } else if (c == '"') {
            startWord();
            wordBare = false;
            if (!doubleQuoted())
                return r;
        } else if (c == '$' && at(i + 1, '\'')) {
            startWord();
            wordBare = false;
            if (!ansiC())
                return r;
        } else if (c == '$' && at(i + 1, '"')) {
            startWord();
            wordBare = false;
            ++i;
            if (!doubleQuoted())
                return r;
        } else if (c == '$') {
            startWord();
            const qsizetype end = expansionEnd(i);
            if (end > i + 1)
                noteExpansion(i, end);
            word += s.sliced(i, end - i);
            i = end;
        } else if (c == '`') {
            if (!backtick(false))
                return r;
        } else if (c == '|') {
            const bool orElse = at(i + 1, '|');
            i += orElse || at(i + 1, '&') ? 2 : 1;
            endCommand(!orElse);
        } else if (c == '&' && at(i + 1, '>')) {
            ++i;
            redirection();
        } else if (c == ';' || c == '&') {
            i += at(i + 1, c) ? 2 : 1;
            endCommand(false);
        } else if (c == '>' || c == '<') {
            redirection();
        } else if (c == '(' || c == ')') {
            endCommand(false); // subshells are read as the commands inside them
            ++i;
        } else {
            startWord();
            word += c;
            ++i;
        }
    }
    lineEnd();
    if (!expansions.isEmpty()) {
        r.warnings += tr("Not expanded (the shell would have put something else here): %1.")
                          .arg(expansions.join(QStringLiteral(", ")));
    }
    // "$ curl ..." as documentation shows a prompt.
    if (!r.commands.isEmpty() && r.commands.first().words.value(0) == "$")
        r.commands.first().words.removeFirst();
    return r;
}

} // namespace

SplitResult split(QByteArrayView text)
{
    return Splitter(text).run();
}

bool printfOutput(QByteArrayView format, QByteArray *out)
{
    out->clear();
    for (qsizetype i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '%') {
            if (i + 1 < format.size() && format[i + 1] == '%') {
                *out += '%';
                ++i;
                continue;
            }
            return false;
        }
        if (c != '\\' || i + 1 >= format.size()) {
            *out += c;
            continue;
        }
        const char e = format[++i];
        switch (e) {
        case 'a':
            *out += '\a';
            break;
        case 'b':
            *out += '\b';
            break;
        case 'f':
            *out += '\f';
            break;
        case 'n':
            *out += '\n';
            break;
        case 'r':
            *out += '\r';
            break;
        case 't':
            *out += '\t';
            break;
        case 'v':
            *out += '\v';
            break;
        case '\\':
        case '"':
            *out += e;
            break;
        default:
            if (digitValue(e, 8) >= 0) {
                int value = digitValue(e, 8);
                for (int n = 1; n < 3 && i + 1 < format.size() && digitValue(format[i + 1], 8) >= 0; ++n)
                    value = value * 8 + digitValue(format[++i], 8);
                *out += char(value & 0xff);
            } else {
                *out += '\\';
                *out += e;
            }
        }
    }
    return true;
}

} // namespace Delivery::Shell
