# Stand-in for mcr.microsoft.com/dotnet/sdk:10.0 where no registry is reachable: the build context is the host's
# .NET SDK folder, laid out where the official image has it (/usr/share/dotnet, /usr/bin/dotnet).
ARG BASE
FROM ${BASE}
RUN apt-get update \
 && apt-get install -y --no-install-recommends libicu72 libssl3 zlib1g libstdc++6 git \
 && rm -rf /var/lib/apt/lists/*
COPY . /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && dotnet --list-sdks
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
