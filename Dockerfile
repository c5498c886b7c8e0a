# privacybot on scratch: one static binary, the CA certificates, a /data
# volume, run as an unprivileged user. Nothing is compiled or downloaded
# here; prepare the context first, then build from the repository root:
#
#   scripts/image-context
#   buildah bud -t privacybot .     (or: docker build -t privacybot .)
#
# Run it with the Slack tokens from .env (HTTP mode on port 3000):
#
#   docker run --env-file .env -p 3000:3000 -v privacybot-data:/data privacybot
FROM scratch

# /privacybot, /etc/ssl/certs/ca-certificates.crt and /tmp (mode 1777).
COPY build/image/rootfs/ /
COPY --chown=65532:65532 build/image/data/ /data/

ENV PRIVACYBOT_DATA=/data
VOLUME /data
USER 65532:65532
EXPOSE 3000
ENTRYPOINT ["/privacybot"]
CMD ["serve", "--http", ":3000"]
