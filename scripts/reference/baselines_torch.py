"""PyTorch transcription of MODEL-SPEC.md §3 (DACNN) and §4 (ACDAE), used only as an
independent reference: to check parity against ../shared/parity and to benchmark
against PyTorch. Not a dependency of the Swift package.

    python3 scripts/reference/baselines_torch.py [parity-dir] [--write-acdae-fixture PATH]
"""
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F

from dancer_torch import ECA, loss_fn


class DualAttention(nn.Module):
    """CBAM-style: shared MLP on mean_L and max_L, then a K7 conv on [mean_C, max_C]."""

    def __init__(self, c, r=4):
        super().__init__()
        self.mlp1 = nn.Conv1d(c, c // r, 1)
        self.mlp2 = nn.Conv1d(c // r, c, 1)
        self.sconv = nn.Conv1d(2, 1, 7, padding=3, bias=False)

    def mlp(self, v):
        return self.mlp2(torch.relu(self.mlp1(v)))

    def forward(self, x):
        ca = torch.sigmoid(self.mlp(x.mean(2, keepdim=True)) + self.mlp(x.amax(2, keepdim=True)))
        x = x * ca
        s = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True)], dim=1)
        return x * torch.sigmoid(self.sconv(s))


class DownBlock(nn.Module):
    def __init__(self, cin, c, k=7):
        super().__init__()
        self.conv = nn.Conv1d(cin, c, k, stride=2, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm1d(c)
        self.act = nn.PReLU(c)
        self.dam = DualAttention(c)

    def forward(self, x):
        return self.dam(self.act(self.bn(self.conv(x))))


class UpBlock(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.conv = nn.ConvTranspose1d(cin, c, 4, stride=2, padding=1, bias=False)
        self.bn = nn.BatchNorm1d(c)
        self.act = nn.PReLU(c)

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class DACNN(nn.Module):
    def __init__(self, ch=(16, 32, 64, 128)):
        super().__init__()
        self.down1, self.down2 = DownBlock(1, ch[0]), DownBlock(ch[0], ch[1])
        self.down3, self.down4 = DownBlock(ch[1], ch[2]), DownBlock(ch[2], ch[3])
        self.up1, self.up2, self.up3 = UpBlock(ch[3], ch[2]), UpBlock(ch[2], ch[1]), UpBlock(ch[1], ch[0])
        self.out = nn.ConvTranspose1d(ch[0], 1, 4, stride=2, padding=1)

    def forward(self, x):
        e1 = self.down1(x)
        e2 = self.down2(e1)
        e3 = self.down3(e2)
        e4 = self.down4(e3)
        d = self.up3(self.up2(self.up1(e4) + e3) + e2) + e1
        return self.out(d)


class Enc(nn.Module):
    def __init__(self, cin, c, k):
        super().__init__()
        self.conv = nn.Conv1d(cin, c, k, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm1d(c)

    def forward(self, x):
        return F.leaky_relu(self.bn(self.conv(x)), 0.2)


class Dec(nn.Module):
    def __init__(self, cin, c, k, eca):
        super().__init__()
        self.conv = nn.ConvTranspose1d(cin, c, k, stride=1, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm1d(c)
        self.eca = ECA(c) if eca else None

    def forward(self, x):
        y = F.interpolate(F.leaky_relu(self.bn(self.conv(x)), 0.2), scale_factor=2, mode="nearest")
        return y * self.eca.weights(y) if self.eca is not None else y


class ACDAE(nn.Module):
    def __init__(self, ch=(16, 32, 64, 128), ks=(13, 7, 7, 7)):
        super().__init__()
        self.enc1, self.enc2 = Enc(1, ch[0], ks[0]), Enc(ch[0], ch[1], ks[1])
        self.enc3, self.enc4 = Enc(ch[1], ch[2], ks[2]), Enc(ch[2], ch[3], ks[3])
        self.dec1, self.dec2 = Dec(ch[3], ch[3], ks[3], True), Dec(ch[3], ch[2], ks[2], True)
        self.dec3, self.dec4 = Dec(ch[2], ch[1], ks[1], True), Dec(ch[1], ch[0], ks[0], False)
        self.head = nn.Conv1d(ch[0], 1, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool1d(e1, 2))
        e3 = self.enc3(F.max_pool1d(e2, 2))
        e4 = self.enc4(F.max_pool1d(e3, 2))
        d = self.dec1(F.max_pool1d(e4, 2)) + e4
        d = self.dec4(self.dec3(self.dec2(d) + e3) + e2) + e1
        return self.head(d)


def check(name, model, parity):
    """Loads `<name>.safetensors` strictly and compares eval and train outputs, loss, grads."""
    from safetensors.torch import load_file
    model.load_state_dict(load_file(f"{parity}/{name}.safetensors"))
    io, tr = load_file(f"{parity}/{name}-io.safetensors"), load_file(f"{parity}/{name}-train.safetensors")
    model.eval()
    with torch.no_grad():
        ref = io["output"]
        err = (model(io["input"]) - ref).abs().max().item() / ref.abs().max().item()
    model.train()
    y = model(tr["input"])
    loss = loss_fn(y, tr["target"])
    loss.backward()
    train_err = (y - tr["output_train"]).abs().max().item() / tr["output_train"].abs().max().item()
    loss_err = abs(loss.item() - tr["loss"].item()) / abs(tr["loss"].item())
    grad_err = max(((p.grad - tr[f"grad.{k}"]).norm() / tr[f"grad.{k}"].norm()).item()
                   for k, p in model.named_parameters())
    params = sum(p.numel() for p in model.parameters())
    print(f"{name}: {params} params, eval {err:.2e}, train {train_err:.2e}, loss {loss_err:.2e}, grad {grad_err:.2e}")
    return max(err, train_err, loss_err) <= 1e-4 and grad_err <= 1e-3


# The parity input puts two samples of acdae's enc2 output within float32 rounding of each
# other in one max-pool window (batch 0, channel 13, t = 242/243; float64 gap 2.1e-7), so
# PyTorch's float32 reference routes one gradient element to the other sample. Downstream of
# that pool, the float64 gradients below are the ground truth the Swift test also checks.
TIE_AFFECTED = ["enc1.conv.weight", "enc1.bn.weight", "enc1.bn.bias", "enc2.conv.weight"]


def write_float64_gradients(parity, path, keys=TIE_AFFECTED):
    """One acdae training-step backward in float64 from the parity weights; saves `grad.<key>`."""
    from safetensors.torch import load_file, save_file
    model = ACDAE()
    model.load_state_dict(load_file(f"{parity}/acdae.safetensors"))
    model.double().train()
    tr = load_file(f"{parity}/acdae-train.safetensors")
    loss_fn(model(tr["input"].double()), tr["target"].double()).backward()
    grads = dict(model.named_parameters())
    save_file({f"grad.{k}": grads[k].grad.float().contiguous() for k in keys}, path)


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parity", nargs="?", default="../shared/parity")
    parser.add_argument("--write-acdae-fixture", metavar="PATH", help="float64 gradients for Tests/ACDAETests")
    args = parser.parse_args()
    ok = check("dacnn", DACNN(), args.parity) & check("acdae", ACDAE(), args.parity)
    if args.write_acdae_fixture:
        write_float64_gradients(args.parity, args.write_acdae_fixture)
    sys.exit(0 if ok else 1)
