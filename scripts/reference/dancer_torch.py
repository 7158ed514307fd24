"""PyTorch transcription of MODEL-SPEC.md §1–2 (U-Net family), used only as an
independent reference: to check parity in float64 and to benchmark against PyTorch.
Not a dependency of the Swift package."""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


def soft_threshold(x, tau):
    return torch.sign(x) * torch.relu(x.abs() - tau)


class ECA(nn.Module):
    def __init__(self, c):
        super().__init__()
        k = int(abs(math.log2(c) / 2 + 0.5))
        k = k + 1 if k % 2 == 0 else k
        self.conv = nn.Conv1d(1, 1, k, padding=k // 2, bias=False)

    def weights(self, x):
        m = x.mean(dim=2, keepdim=True)
        return torch.sigmoid(self.conv(m.transpose(1, 2)).transpose(1, 2))


class CAC(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.fc1 = nn.Linear(c, c, bias=False)
        self.bn = nn.BatchNorm1d(c)
        self.fc2 = nn.Linear(c, c)

    def forward(self, x):
        a = x.abs().mean(dim=2)
        z = torch.sigmoid(self.fc2(torch.relu(self.bn(self.fc1(a)))))
        return soft_threshold(x, (z * a).unsqueeze(2))


class SpatialShrink(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 4, 7, padding=3, bias=False)
        self.bn = nn.BatchNorm1d(4)
        self.conv2 = nn.Conv1d(4, 1, 7, padding=3)

    def forward(self, x):
        a = x.abs().mean(dim=1, keepdim=True)
        z = torch.sigmoid(self.conv2(torch.relu(self.bn(self.conv1(a)))))
        return soft_threshold(x, z * a)


class CSE(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.eca = ECA(c)
        self.sconv = nn.Conv1d(c, 1, 7, padding=3)

    def forward(self, x):
        return x * self.eca.weights(x) + x * torch.sigmoid(self.sconv(x))


class DoubleConv(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.conv1 = nn.Conv1d(cin, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm1d(c)
        self.conv2 = nn.Conv1d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm1d(c)

    def forward(self, x):
        return torch.relu(self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x))))))


class ShrinkStage(nn.Module):
    def __init__(self, cin, c, mods):
        super().__init__()
        self.conv1 = nn.Conv1d(cin, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm1d(c)
        self.conv2 = nn.Conv1d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm1d(c)
        self.mods = list(mods)
        for m in mods:
            setattr(self, m, {"cac": lambda: CAC(c), "cse": lambda: CSE(c), "ss": SpatialShrink}[m]())

    def forward(self, x):
        h = torch.relu(self.bn1(self.conv1(x)))
        r = self.bn2(self.conv2(h))
        for m in self.mods:
            r = getattr(self, m)(r)
        return torch.relu(h + r)


class AttentionGate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wg = nn.Conv1d(c, c // 2, 1, bias=False)
        self.bn_g = nn.BatchNorm1d(c // 2)
        self.wx = nn.Conv1d(c, c // 2, 1, bias=False)
        self.bn_x = nn.BatchNorm1d(c // 2)
        self.psi = nn.Conv1d(c // 2, 1, 1, bias=False)
        self.bn_psi = nn.BatchNorm1d(1)

    def forward(self, g, x):
        q = torch.relu(self.bn_g(self.wg(g)) + self.bn_x(self.wx(x)))
        return x * torch.sigmoid(self.bn_psi(self.psi(q)))


class UpStage(nn.Module):
    def __init__(self, cin, c, gate):
        super().__init__()
        self.up = nn.ConvTranspose1d(cin, c, 2, stride=2)
        if gate:
            self.ag = AttentionGate(c)
        self.gate = gate
        self.conv = DoubleConv(2 * c, c)

    def forward(self, d, skip):
        u = self.up(d)
        s = self.ag(u, skip) if self.gate else skip
        return self.conv(torch.cat([s, u], dim=1))


MODELS = {
    "unet": (None, False),
    "dancer-channel": (["cac"], False),
    "dancer-spatial": (["ss"], False),
    "dancer-dual": (["cac", "ss"], False),
    "dancer": (["cac", "cse"], True),
}


class UNetFamily(nn.Module):
    def __init__(self, model_id, widths=(16, 32, 64, 128, 256)):
        super().__init__()
        mods, gate = MODELS[model_id]
        stage = (lambda a, b: DoubleConv(a, b)) if mods is None else (lambda a, b: ShrinkStage(a, b, mods))
        self.enc1, self.enc2 = stage(1, widths[0]), stage(widths[0], widths[1])
        self.enc3, self.enc4 = stage(widths[1], widths[2]), stage(widths[2], widths[3])
        self.bott = stage(widths[3], widths[4])
        self.up4 = UpStage(widths[4], widths[3], gate)
        self.up3 = UpStage(widths[3], widths[2], gate)
        self.up2 = UpStage(widths[2], widths[1], gate)
        self.up1 = UpStage(widths[1], widths[0], gate)
        self.head = nn.Conv1d(widths[0], 1, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool1d(e1, 2))
        e3 = self.enc3(F.max_pool1d(e2, 2))
        e4 = self.enc4(F.max_pool1d(e3, 2))
        b = self.bott(F.max_pool1d(e4, 2))
        d = self.up1(self.up2(self.up3(self.up4(b, e4), e3), e2), e1)
        return self.head(d)


def loss_fn(y, x):
    cos = (y * x).flatten(1).sum(1) / (y.flatten(1).norm(dim=1) * x.flatten(1).norm(dim=1) + 1e-8)
    return F.mse_loss(y, x) + 0.1 * (1 - cos).mean()
