// Reference server for the listen benchmark: QTcpServer + QTcpSocket, answers each request
// as soon as a complete head and Content-Length body are buffered. No validation, no storage.
// usage: bench_bare_server PORT

#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTcpServer server;
    const quint16 port = argc > 1 ? quint16(QByteArray(argv[1]).toUInt()) : 0;
    if (!server.listen(QHostAddress::LocalHost, port))
        return 1;
    std::fprintf(stderr, "listening on http://127.0.0.1:%u\n", unsigned(server.serverPort()));
    static const QByteArray answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                                     "{\"ok\":true}";
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto *buffer = new QByteArray;
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
                delete buffer;
                socket->deleteLater();
            });
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer] {
                *buffer += socket->readAll();
                while (true) {
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    qsizetype length = 0;
                    const qsizetype cl = buffer->indexOf("Content-Length: ");
                    if (cl >= 0 && cl < headEnd)
                        length = buffer->mid(cl + 16, buffer->indexOf('\r', cl) - cl - 16).toLongLong();
                    if (buffer->size() < headEnd + 4 + length)
                        return;
                    buffer->remove(0, headEnd + 4 + length);
                    socket->write(answer);
                }
            });
        }
    });
    return QCoreApplication::exec();
}
