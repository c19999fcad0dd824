#include "journal.h"
#include "storedrecord.h"

#include "http/requestreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <linux/magic.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <zlib.h>

namespace Session {

namespace {

constexpr char kMagic[8] = {'H', 'K', 'S', 'P', 'L', 'O', 'G', '1'};
constexpr qint64 kRotateAt = 64 * 1024 * 1024;

QString lockPath(const QString &session)
{
    return session + QStringLiteral("-log.lock");
}

QString logPath(const QString &session, int sequence)
{
    return session + QStringLiteral("-log.%1").arg(sequence);
}

void putU32(QByteArray &out, quint32 v)
{
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    out.append(b, 4);
}

void putI64(QByteArray &out, qint64 v)
{
    putU32(out, quint32(quint64(v)));
    putU32(out, quint32(quint64(v) >> 32));
}

class Cursor
{
public:
    explicit Cursor(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos >= m_bytes.size(); }
    quint32 u32()
    {
        if (m_pos + 4 > m_bytes.size()) {
            m_ok = false;
            return 0;
        }
        const auto *p = reinterpret_cast<const unsigned char *>(m_bytes.data() + m_pos);
        m_pos += 4;
        return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
    }
    qint64 i64()
    {
        const quint64 low = u32();
        const quint64 high = u32();
        return qint64(low | (high << 32));
    }
    QByteArray bytes()
    {
        const quint32 n = u32();
        if (!m_ok || m_pos + qint64(n) > m_bytes.size()) {
            m_ok = false;
            return {};
        }
        const QByteArray out = m_bytes.sliced(m_pos, n).toByteArray();
        m_pos += n;
        return out;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

/// Writes every piece, in order, with as few writev(2) calls as the kernel allows.
bool writeAll(int fd, const QList<QByteArray> &pieces)
{
    std::vector<iovec> iov;
    iov.reserve(size_t(pieces.size()));
    for (const QByteArray &p : pieces) {
        if (!p.isEmpty())
            iov.push_back({const_cast<char *>(p.constData()), size_t(p.size())});
    }
    size_t first = 0;
    while (first < iov.size()) {
        const int count = int(std::min<size_t>(iov.size() - first, IOV_MAX));
        const ssize_t n = ::writev(fd, iov.data() + first, count);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        // Step past what went out; a short write resumes inside a piece.
        size_t done = size_t(n);
        while (first < iov.size() && done >= iov[first].iov_len) {
            done -= iov[first].iov_len;
            ++first;
        }
        if (done > 0) {
            iov[first].iov_base = static_cast<char *>(iov[first].iov_base) + done;
            iov[first].iov_len -= done;
        }
    }
    return true;
}

} // namespace

namespace {

/// Builds a record as pieces: fields are encoded into a short buffer; byte arrays past a few
/// KiB are referenced as they are (QByteArray shares, it does not copy).
class Pieces
{
public:
    void u32(quint32 v) { putU32(m_small, v); }
    void i64(qint64 v) { putI64(m_small, v); }
    void bytes(const QByteArray &bytes)
    {
        u32(quint32(bytes.size()));
        if (bytes.size() < kInlineBytes) {
            m_small.append(bytes);
            return;
        }
        flush();
        m_pieces.append(bytes);
    }
    QList<QByteArray> take()
    {
        flush();
        return std::move(m_pieces);
    }

private:
    static constexpr qsizetype kInlineBytes = 4096;
    void flush()
    {
        if (!m_small.isEmpty())
            m_pieces.append(std::exchange(m_small, {}));
    }
    QByteArray m_small;
    QList<QByteArray> m_pieces;
};

} // namespace

QList<QByteArray> Journal::encodePieces(const CapturedRequest &r)
{
    Pieces out;
    const Http::Request &q = r.request;
    out.i64(r.id);
    out.i64(r.receivedAtMs);
    out.bytes(r.remoteAddress.isNull() ? QByteArray() : r.remoteAddress.toString().toUtf8());
    out.u32(r.remotePort);
    out.u32(r.localPort);
    out.u32((r.tls ? 1u : 0u) | (r.rejected ? 2u : 0u));
    out.u32(quint32(r.responseStatus));
    out.bytes(Stored::encodeHeaders(r.responseHeaders));
    out.bytes(r.responseBody);
    out.u32(quint32(r.errorStatus));
    out.i64(r.errorOffset);
    out.bytes(r.errorReason.toUtf8());
    if (r.rejected) {
        out.bytes(r.raw);
        out.bytes({});
        out.bytes({});
    } else {
        out.bytes(q.rawHead());
        out.bytes(q.body());
        out.bytes(q.isChunked() ? q.chunkFraming() : QByteArray());
    }
    // Added after the first logs were written: decode() reads them only when present.
    const Signing::Result &sig = r.signature;
    out.u32(quint32(sig.verdict));
    out.bytes(sig.scheme.toUtf8());
    out.i64(sig.skewSeconds);
    out.bytes(sig.secretLabel.toUtf8());
    out.bytes(sig.detail.toUtf8());
    // Added with HAR notes (issue 12): read only when present, like the signature above.
    out.bytes(r.recordedVersion);
    out.bytes(r.note.toUtf8());
    // Added later still, read the same way.
    out.u32(quint32(r.answerChoice));
    out.bytes(r.answerRule.toUtf8());
    // Added with the TLS listener (issue 13), read the same way: four strings, no JSON on the
    // capture thread.
    const Http::TlsInfo &tls = r.tlsInfo;
    for (const QString *part : {&tls.version, &tls.cipher, &tls.serverName, &tls.alpn})
        out.bytes(part->toUtf8());
    return out.take();
}

QByteArray Journal::encode(const CapturedRequest &r)
{
    QByteArray out;
    const QList<QByteArray> pieces = encodePieces(r);
    for (const QByteArray &piece : pieces)
        out += piece;
    return out;
}

CapturedRequestPtr Journal::decode(QByteArrayView bytes)
{
    Cursor c(bytes);
    auto r = std::make_shared<CapturedRequest>();
    r->id = c.i64();
    r->receivedAtMs = c.i64();
    const QByteArray remote = c.bytes();
    if (!remote.isEmpty())
        r->remoteAddress = QHostAddress(QString::fromUtf8(remote));
    r->remotePort = quint16(c.u32());
    r->localPort = quint16(c.u32());
    const quint32 bits = c.u32();
    r->tls = bits & 1u;
    r->rejected = bits & 2u;
    r->responseStatus = int(c.u32());
    r->responseHeaders = Stored::decodeHeaders(c.bytes());
    r->responseBody = c.bytes();
    r->errorStatus = int(c.u32());
    r->errorOffset = c.i64();
    r->errorReason = QString::fromUtf8(c.bytes());
    const QByteArray first = c.bytes();
    const QByteArray body = c.bytes();
    const QByteArray framing = c.bytes();
    if (!c.ok())
        return nullptr;
    if (!c.atEnd()) {
        Signing::Result &sig = r->signature;
        sig.verdict = Signing::Verdict(c.u32());
        sig.scheme = QString::fromUtf8(c.bytes());
        sig.skewSeconds = c.i64();
        sig.secretLabel = QString::fromUtf8(c.bytes());
        sig.detail = QString::fromUtf8(c.bytes());
        if (!c.ok())
            return nullptr;
    }
    if (!c.atEnd()) {
        r->recordedVersion = c.bytes();
        r->note = QString::fromUtf8(c.bytes());
        if (!c.ok())
            return nullptr;
    }
    if (!c.atEnd()) {
        const quint32 choice = c.u32();
        r->answerChoice = choice <= quint32(AnswerChoice::Challenge) ? AnswerChoice(choice) : AnswerChoice::Unknown;
        r->answerRule = QString::fromUtf8(c.bytes());
        if (!c.ok())
            return nullptr;
    }
    if (!c.atEnd()) {
        Http::TlsInfo &tls = r->tlsInfo;
        for (QString *part : {&tls.version, &tls.cipher, &tls.serverName, &tls.alpn})
            *part = QString::fromUtf8(c.bytes());
        if (!c.ok())
            return nullptr;
    }
    if (r->rejected) {
        r->raw = first;
        r->request = Http::RequestReader::restorePartial(first);
    } else {
        r->request = Http::RequestReader::restore(first, body, framing);
    }
    return r;
}

Journal::~Journal()
{
    std::lock_guard guard(m_mutex);
    if (m_fd >= 0)
        ::close(m_fd);
    // Releases the locks; the log files stay for the next writer to replay.
    if (m_lockFd >= 0)
        ::close(m_lockFd);
    if (m_sessionFd >= 0)
        ::close(m_sessionFd);
}

QString Journal::canonicalPath(const QString &sessionPath)
{
    QFileInfo file(sessionPath);
    // A link to a session not made yet names the file the writer is about to create.
    for (int hops = 0; file.isSymLink() && !file.exists() && hops < 40; ++hops)
        file = QFileInfo(file.symLinkTarget());
    const QString canonical = file.canonicalFilePath(); // empty when the file does not exist
    if (!canonical.isEmpty())
        return canonical;
    const QString dir = QFileInfo(file.absolutePath()).canonicalFilePath();
    return dir.isEmpty() ? file.absoluteFilePath() : dir + QLatin1Char('/') + file.fileName();
}

namespace {

bool sameFile(int fd, const QString &path)
{
    struct stat held = {};
    struct stat named = {};
    return ::fstat(fd, &held) == 0 && ::stat(QFile::encodeName(path).constData(), &named) == 0 &&
           held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

} // namespace

bool Journal::lock(const QString &sessionPath, QString *error, bool *heldElsewhere)
{
    std::lock_guard guard(m_mutex);
    m_session = canonicalPath(sessionPath);
    const QString lockFile = lockPath(m_session);
    for (int attempt = 0; m_lockFd < 0; ++attempt) {
        const int fd = ::open(QFile::encodeName(lockFile).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            *error = tr("the session is being captured into by another Hookscope");
            if (heldElsewhere)
                *heldElsewhere = true;
            return false;
        }
        // A writer that just stopped removes its lock file: a lock on that unlinked file would
        // exclude nobody. Take it again under the name as it is now.
        if (sameFile(fd, lockFile) || attempt == 10)
            m_lockFd = fd;
        else
            ::close(fd);
    }
    // The same lock on the session file itself: another name for it (a hard link) makes another
    // lock file, but not another file.
    if (!takeFileLock(error, heldElsewhere)) {
        QFile::remove(lockFile);
        ::close(m_lockFd);
        m_lockFd = -1;
        return false;
    }
    // Continue numbering after any log left over (the writer replays and removes those first).
    for (const QString &file : logFiles(m_session))
        m_sequence = std::max(m_sequence, file.section(QLatin1Char('.'), -1).toInt());
    return true;
}

bool Journal::lockSessionFile(QString *error, bool *heldElsewhere)
{
    std::lock_guard guard(m_mutex);
    return takeFileLock(error, heldElsewhere);
}

bool Journal::takeFileLock(QString *error, bool *heldElsewhere)
{
    if (m_sessionFd >= 0)
        return true;
    // flock, not fcntl: on a local file system SQLite's own POSIX locks neither see nor disturb
    // it. NFS emulates flock with a POSIX lock on the whole file, which would collide with
    // SQLite's: there the lock file alone has to do.
    struct statfs where = {};
    if (::statfs(QFile::encodeName(m_session).constData(), &where) == 0 && where.f_type == NFS_SUPER_MAGIC)
        return true;
    const int fd = ::open(QFile::encodeName(m_session).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return true; // nothing to lock yet: the writer creates it, and calls again
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        ::close(fd);
        if (why != EWOULDBLOCK)
            return true; // a file system without flock: the lock file alone has to do
        *error = tr("the session is being captured into by another Hookscope");
        if (heldElsewhere)
            *heldElsewhere = true;
        return false;
    }
    m_sessionFd = fd;
    return true;
}

bool Journal::openCurrent(QString *error)
{
    const QString path = logPath(m_session, ++m_sequence);
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0 || !writeAll(m_fd, kMagic, sizeof kMagic)) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        return false;
    }
    m_size = sizeof kMagic;
    m_files.push_back({path, 0});
    return true;
}

bool Journal::append(const CapturedBatch &records, QString *error)
{
    QList<QByteArray> pieces;
    qint64 total = 0;
    qint64 maxId = 0;
    for (const CapturedRequestPtr &r : records) {
        const QList<QByteArray> record = encodePieces(*r);
        qint64 length = 0;
        uLong crc = crc32(0, nullptr, 0);
        for (const QByteArray &piece : record) {
            length += piece.size();
            crc = crc32_z(crc, reinterpret_cast<const Bytef *>(piece.constData()), size_t(piece.size()));
        }
        if (length > std::numeric_limits<quint32>::max()) {
            // not translated: the error also goes to the sender in the 503 answer's body
            *error = QStringLiteral("a request of %1 bytes is too large for the session's log").arg(length);
            return false;
        }
        QByteArray head;
        putU32(head, quint32(length));
        putU32(head, quint32(crc));
        pieces.append(std::move(head));
        pieces += record;
        total += 8 + length;
        maxId = std::max(maxId, r->id);
    }
    std::lock_guard guard(m_mutex);
    if (m_fd >= 0 && m_size > kRotateAt) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_fd < 0 && !openCurrent(error))
        return false;
    if (!writeAll(m_fd, pieces)) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        // Cut a partial record off, so the log stays readable after it.
        // not translated: the error also goes to the sender in the 503 answer's body
        if (::ftruncate(m_fd, m_size) != 0)
            *error += QStringLiteral(" (and the log could not be repaired)");
        return false;
    }
    m_size += total;
    m_files.back().maxId = std::max(m_files.back().maxId, maxId);
    return true;
}

void Journal::release(qint64 id)
{
    std::lock_guard guard(m_mutex);
    while (m_files.size() > 1 && m_files.front().maxId <= id) {
        QFile::remove(m_files.front().path);
        m_files.erase(m_files.begin());
    }
    if (m_files.size() == 1 && m_fd >= 0 && m_files.front().maxId <= id && m_size > qint64(sizeof kMagic)) {
        // Everything written is in SQLite: start the file over instead of letting it grow.
        if (::ftruncate(m_fd, sizeof kMagic) == 0) {
            m_size = sizeof kMagic;
            m_files.front().maxId = 0;
        }
    }
}

void Journal::removeLogs()
{
    std::lock_guard guard(m_mutex);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    for (const File &f : m_files)
        QFile::remove(f.path);
    m_files.clear();
}

void Journal::unlock()
{
    std::lock_guard guard(m_mutex);
    if (m_lockFd >= 0) {
        QFile::remove(lockPath(m_session));
        ::close(m_lockFd);
        m_lockFd = -1;
    }
    if (m_sessionFd >= 0) {
        ::close(m_sessionFd);
        m_sessionFd = -1;
    }
}

bool Journal::isLive(const QString &sessionPath)
{
    const int fd = ::open(QFile::encodeName(lockPath(canonicalPath(sessionPath))).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool live = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return live;
}

QStringList Journal::logFiles(const QString &sessionPath)
{
    const QFileInfo info(canonicalPath(sessionPath));
    QStringList files;
    const QFileInfoList found =
        QDir(info.absolutePath()).entryInfoList({info.fileName() + QStringLiteral("-log.*")}, QDir::Files);
    for (const QFileInfo &f : found) {
        bool numbered = false;
        f.fileName().section(QLatin1Char('.'), -1).toInt(&numbered);
        if (numbered)
            files.append(f.absoluteFilePath());
    }
    std::sort(files.begin(), files.end(), [](const QString &a, const QString &b) {
        return a.section(QLatin1Char('.'), -1).toInt() < b.section(QLatin1Char('.'), -1).toInt();
    });
    return files;
}

void Journal::removeLogFiles(const QString &sessionPath)
{
    for (const QString &f : logFiles(sessionPath))
        QFile::remove(f);
}

bool Journal::replay(const QString &sessionPath, const std::function<void(CapturedRequestPtr)> &fn, QString *error)
{
    for (const QString &path : logFiles(sessionPath)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("%1: %2").arg(path, file.errorString());
            return false;
        }
        // Mapped, not read: a log holding a 100 MB body is not copied whole before its record is.
        const uchar *mapped = file.size() > 0 ? file.map(0, file.size()) : nullptr;
        const QByteArray read = mapped ? QByteArray() : file.readAll();
        const QByteArrayView bytes =
            mapped ? QByteArrayView(reinterpret_cast<const char *>(mapped), file.size()) : QByteArrayView(read);
        if (!bytes.startsWith(QByteArrayView(kMagic, sizeof kMagic)))
            continue; // cut off before even its header: nothing in it was answered
        qsizetype pos = sizeof kMagic;
        while (pos + 8 <= bytes.size()) {
            Cursor head(bytes.sliced(pos, 8));
            const quint32 length = head.u32();
            const quint32 crc = head.u32();
            if (pos + 8 + qint64(length) > bytes.size())
                break; // a torn tail: that write never completed, so nobody was answered for it
            const QByteArrayView payload = bytes.sliced(pos + 8, length);
            if (quint32(crc32_z(0, reinterpret_cast<const Bytef *>(payload.data()), size_t(payload.size()))) != crc)
                break;
            if (CapturedRequestPtr r = decode(payload))
                fn(std::move(r));
            pos += 8 + length;
        }
    }
    return true;
}

} // namespace Session
