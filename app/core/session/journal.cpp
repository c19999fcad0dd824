#include "journal.h"
#include "storedrecord.h"

#include "http/requestreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
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

void putBytes(QByteArray &out, QByteArrayView bytes)
{
    putU32(out, quint32(bytes.size()));
    out.append(bytes.data(), bytes.size());
}

class Cursor
{
public:
    explicit Cursor(QByteArrayView bytes)
        : m_bytes(bytes)
    {
    }
    bool ok() const { return m_ok; }
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

} // namespace

QByteArray Journal::encode(const CapturedRequest &r)
{
    QByteArray out;
    const Http::Request &q = r.request;
    out.reserve(96 + q.rawHead().size() + q.body().size() + r.raw.size() + r.responseBody.size());
    putI64(out, r.id);
    putI64(out, r.receivedAtMs);
    putBytes(out, r.remoteAddress.isNull() ? QByteArray() : r.remoteAddress.toString().toUtf8());
    putU32(out, r.remotePort);
    putU32(out, r.localPort);
    putU32(out, (r.tls ? 1u : 0u) | (r.rejected ? 2u : 0u));
    putU32(out, quint32(r.responseStatus));
    putBytes(out, Stored::encodeHeaders(r.responseHeaders));
    putBytes(out, r.responseBody);
    putU32(out, quint32(r.errorStatus));
    putI64(out, r.errorOffset);
    putBytes(out, r.errorReason.toUtf8());
    if (r.rejected) {
        putBytes(out, r.raw);
        putBytes(out, {});
        putBytes(out, {});
    } else {
        putBytes(out, q.rawHead());
        putBytes(out, q.body());
        putBytes(out, q.isChunked() ? QByteArrayView(q.chunkFraming()) : QByteArrayView());
    }
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
    if (m_lockFd >= 0)
        ::close(m_lockFd); // releases the lock; the files stay for the next writer to replay
}

bool Journal::lock(const QString &sessionPath, QString *error, bool *heldElsewhere)
{
    std::lock_guard guard(m_mutex);
    m_session = sessionPath;
    m_lockFd = ::open(QFile::encodeName(lockPath(sessionPath)).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lockFd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        *error = tr("the session is being captured into by another Hookscope");
        if (heldElsewhere)
            *heldElsewhere = true;
        ::close(m_lockFd);
        m_lockFd = -1;
        return false;
    }
    // Continue numbering after any log left over (the writer replays and removes those first).
    for (const QString &file : logFiles(sessionPath))
        m_sequence = std::max(m_sequence, file.section(QLatin1Char('.'), -1).toInt());
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
    QByteArray out;
    qint64 maxId = 0;
    for (const CapturedRequestPtr &r : records) {
        const QByteArray payload = encode(*r);
        putU32(out, quint32(payload.size()));
        putU32(out, quint32(crc32(0, reinterpret_cast<const Bytef *>(payload.constData()), uInt(payload.size()))));
        out += payload;
        maxId = std::max(maxId, r->id);
    }
    std::lock_guard guard(m_mutex);
    if (m_fd >= 0 && m_size > kRotateAt) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (m_fd < 0 && !openCurrent(error))
        return false;
    if (!writeAll(m_fd, out.constData(), out.size())) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        // Cut a partial record off, so the log stays readable after it.
        // not translated: the error also goes to the sender in the 503 answer's body
        if (::ftruncate(m_fd, m_size) != 0)
            *error += QStringLiteral(" (and the log could not be repaired)");
        return false;
    }
    m_size += out.size();
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

void Journal::close()
{
    std::lock_guard guard(m_mutex);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    for (const File &f : m_files)
        QFile::remove(f.path);
    m_files.clear();
    if (m_lockFd >= 0) {
        QFile::remove(lockPath(m_session));
        ::close(m_lockFd);
        m_lockFd = -1;
    }
}

bool Journal::isLive(const QString &sessionPath)
{
    const int fd = ::open(QFile::encodeName(lockPath(sessionPath)).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool live = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return live;
}

QStringList Journal::logFiles(const QString &sessionPath)
{
    const QFileInfo info(sessionPath);
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
        const QByteArray bytes = file.readAll();
        if (!bytes.startsWith(QByteArrayView(kMagic, sizeof kMagic)))
            continue; // cut off before even its header: nothing in it was answered
        qsizetype pos = sizeof kMagic;
        while (pos + 8 <= bytes.size()) {
            Cursor head(QByteArrayView(bytes).sliced(pos, 8));
            const quint32 length = head.u32();
            const quint32 crc = head.u32();
            if (pos + 8 + qint64(length) > bytes.size())
                break; // a torn tail: that write never completed, so nobody was answered for it
            const QByteArrayView payload = QByteArrayView(bytes).sliced(pos + 8, length);
            if (quint32(crc32(0, reinterpret_cast<const Bytef *>(payload.data()), uInt(payload.size()))) != crc)
                break;
            if (CapturedRequestPtr r = decode(payload))
                fn(std::move(r));
            pos += 8 + length;
        }
    }
    return true;
}

} // namespace Session
