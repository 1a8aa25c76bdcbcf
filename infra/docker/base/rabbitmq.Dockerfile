# Stand-in for the official rabbitmq management image where no registry is reachable: Debian's RabbitMQ 3.10 with
# the management plugin, run as the rabbitmq user with its data in /var/lib/rabbitmq like the official image.
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends rabbitmq-server \
 && rm -rf /var/lib/apt/lists/* \
 && rabbitmq-plugins enable --offline rabbitmq_management >/dev/null \
 && chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq /var/log/rabbitmq
# The plain scripts, not Debian's /usr/sbin wrappers that su to rabbitmq (the container already runs as rabbitmq).
ENV PATH=/usr/lib/rabbitmq/bin:$PATH HOME=/var/lib/rabbitmq
USER rabbitmq
CMD ["rabbitmq-server"]
